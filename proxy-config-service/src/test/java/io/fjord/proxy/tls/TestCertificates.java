package io.fjord.proxy.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates made for tests with BouncyCastle: self-signed ones, a small CA, expired ones. */
public final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private TestCertificates() {
    }

    /** A certificate with its key. */
    public record Issued(X509Certificate certificate, KeyPair key) {

        public String certificatePem() {
            try {
                return Pem.block("CERTIFICATE", certificate.getEncoded());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        public String keyPem() {
            return Pem.block("PRIVATE KEY", key.getPrivate().getEncoded());
        }
    }

    public static KeyPair ecKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsaKey(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Self-signed for these DNS names, valid from an hour ago for a year. */
    public static Issued selfSigned(String... names) {
        Instant now = Instant.now();
        return selfSigned(ecKey(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365)), names);
    }

    public static Issued selfSigned(KeyPair key, Instant notBefore, Instant notAfter, String... names) {
        X500Name subject = new X500Name("CN=" + (names.length > 0 ? names[0].replace("*", "wildcard") : "no name"));
        return sign(subject, key, new Issued(null, key), subject, notBefore, notAfter, false, List.of(names), List.of());
    }

    public static Issued ca(String commonName) {
        Instant now = Instant.now();
        KeyPair key = ecKey();
        X500Name name = new X500Name("CN=" + commonName);
        return sign(name, key, new Issued(null, key), name, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)),
                true, List.of(), List.of());
    }

    /** Issued by {@code ca} for DNS names and IP addresses. */
    public static Issued issuedBy(Issued ca, List<String> names, List<String> addresses) {
        Instant now = Instant.now();
        KeyPair key = ecKey();
        X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        return sign(new X500Name("CN=" + (names.isEmpty() ? addresses.get(0) : names.get(0))), key, ca, issuer,
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)), false, names, addresses);
    }

    private static Issued sign(X500Name subject, KeyPair key, Issued signer, X500Name issuer, Instant notBefore,
            Instant notAfter, boolean authority, List<String> names, List<String> addresses) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), subject,
                    key.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            if (!names.isEmpty() || !addresses.isEmpty()) {
                GeneralName[] alternatives = new GeneralName[names.size() + addresses.size()];
                for (int i = 0; i < names.size(); i++) {
                    alternatives[i] = new GeneralName(GeneralName.dNSName, names.get(i));
                }
                for (int i = 0; i < addresses.size(); i++) {
                    alternatives[names.size() + i] = new GeneralName(GeneralName.iPAddress, addresses.get(i));
                }
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternatives));
            }
            String algorithm = "RSA".equals(signer.key().getPrivate().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(signer.key().getPrivate())));
            return new Issued(certificate, key);
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
