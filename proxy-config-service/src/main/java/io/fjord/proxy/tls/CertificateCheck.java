package io.fjord.proxy.tls;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Checks a certificate and its key before the edge serves them: both parse as PEM, the key belongs to
 * the server's certificate (the first of the chain), the certificate names the domain (subjectAltName,
 * with the usual wildcard rule) and is valid now. What passes is written back as clean PEM, so no byte a
 * user sent reaches nginx unparsed. Pure.
 * <p>
 * The key is a secret: no message says anything about its content, and parser errors are never passed on.
 */
public final class CertificateCheck {
    /** A chain of a few certificates is a few KB; anything near this is not one. */
    static final int MAX_PEM = 64 * 1024;
    static final int MAX_CHAIN = 10;
    static final int MIN_RSA_BITS = 2048;
    /** Tolerated difference between the issuer's clock and ours for a certificate issued just now. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int MAX_ISSUER = 255;
    private static final JcaX509CertificateConverter CERTIFICATES = new JcaX509CertificateConverter();
    private static final JcaPEMKeyConverter KEYS = new JcaPEMKeyConverter();

    private CertificateCheck() {
    }

    /**
     * A certificate that passed.
     *
     * @param pem the chain and key as they are written for nginx
     * @param fingerprint SHA-256 of the server's certificate, hex
     * @param names the DNS names it is valid for
     */
    public record Checked(Pem pem, Instant notAfter, String fingerprint, String issuer, List<String> names) {
    }

    /**
     * @param certificate the server's certificate, then the intermediates, PEM
     * @param privateKey the key of the server's certificate, PEM (PKCS#8, PKCS#1 or SEC1), unencrypted
     * @throws IllegalArgumentException saying what is wrong, never with any part of the key
     */
    public static Checked check(String domain, String certificate, String privateKey, Instant now) {
        List<X509Certificate> chain = chain(certificate);
        PrivateKey key = key(privateKey);
        X509Certificate leaf = chain.get(0);
        requireMatch(leaf, key);
        List<String> names = names(leaf);
        if (names.stream().noneMatch(name -> covers(name, domain))) {
            throw new IllegalArgumentException("the certificate does not cover " + domain + "; it is for "
                    + String.join(", ", names.stream().limit(5).toList()) + (names.size() > 5 ? ", ..." : ""));
        }
        Instant notAfter = leaf.getNotAfter().toInstant();
        if (!now.isBefore(notAfter)) {
            throw new IllegalArgumentException("the certificate expired on " + notAfter);
        }
        Instant notBefore = leaf.getNotBefore().toInstant();
        if (notBefore.isAfter(now.plus(CLOCK_SKEW))) {
            throw new IllegalArgumentException("the certificate is not valid before " + notBefore);
        }
        return new Checked(new Pem(encodeChain(chain), Pem.block("PRIVATE KEY", key.getEncoded())), notAfter, fingerprint(leaf),
                issuer(leaf), names);
    }

    /**
     * Whether a certificate's name covers a domain: the same name, or a wildcard {@code *.example.com} for
     * a name exactly one label below it ({@code www.example.com}, not {@code example.com} nor
     * {@code a.b.example.com}). A wildcard domain needs the same wildcard in the certificate.
     */
    public static boolean covers(String certificateName, String domain) {
        String name = certificateName.toLowerCase(Locale.ROOT);
        if (name.equals(domain)) {
            return true;
        }
        if (!name.startsWith("*.") || domain.startsWith("*.")) {
            return false;
        }
        int dot = domain.indexOf('.');
        return dot > 0 && domain.substring(dot + 1).equals(name.substring(2));
    }

    /** The fingerprint of the first certificate of a PEM chain, to tell a file on disk is the one recorded. */
    public static String fingerprint(String chainPem) {
        return fingerprint(chain(chainPem).get(0));
    }

    private static List<X509Certificate> chain(String pem) {
        List<X509Certificate> chain = new ArrayList<>();
        for (Object object : objects(pem, "certificate")) {
            if (object instanceof X509CertificateHolder holder) {
                try {
                    chain.add(CERTIFICATES.getCertificate(holder));
                } catch (CertificateException e) {
                    throw new IllegalArgumentException("\"certificate\" holds a certificate that is not valid X.509");
                }
            } else if (isKey(object)) {
                throw new IllegalArgumentException("\"certificate\" holds a private key; the key goes in \"privateKey\"");
            } else {
                throw new IllegalArgumentException("\"certificate\" holds something other than certificates");
            }
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("\"certificate\" holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        if (chain.size() > MAX_CHAIN) {
            throw new IllegalArgumentException("\"certificate\" holds " + chain.size() + " certificates; a chain has at most "
                    + MAX_CHAIN);
        }
        for (int i = 1; i < chain.size(); i++) {
            if (!chain.get(i - 1).getIssuerX500Principal().equals(chain.get(i).getSubjectX500Principal())) {
                throw new IllegalArgumentException("the chain is out of order: certificate " + i + " was not issued by the"
                        + " one after it; put the server's certificate first, then each issuer in turn");
            }
        }
        return chain;
    }

    private static PrivateKey key(String pem) {
        List<PrivateKey> keys = new ArrayList<>();
        for (Object object : objects(pem, "privateKey")) {
            if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                throw new IllegalArgumentException("the private key is encrypted; upload it without a passphrase");
            } else if (object instanceof X509CertificateHolder) {
                throw new IllegalArgumentException("\"privateKey\" holds a certificate; it goes in \"certificate\"");
            } else if (object instanceof PEMKeyPair || object instanceof PrivateKeyInfo) {
                keys.add(convert(object));
            } else if (!(object instanceof ASN1ObjectIdentifier)) {
                // (An "EC PARAMETERS" block before an EC key is fine: it only names the curve.)
                throw new IllegalArgumentException("\"privateKey\" holds something other than a private key");
            }
        }
        if (keys.size() != 1) {
            throw new IllegalArgumentException(keys.isEmpty() ? "\"privateKey\" holds no PEM private key"
                    + " (-----BEGIN PRIVATE KEY-----)" : "\"privateKey\" holds more than one key");
        }
        PrivateKey key = keys.get(0);
        if ("RSA".equals(key.getAlgorithm())) {
            int bits = ((RSAKey) key).getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw new IllegalArgumentException("the RSA key has " + bits + " bits; at least " + MIN_RSA_BITS + " are needed");
            }
        } else if (!"EC".equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("the key is " + key.getAlgorithm() + "; the edge serves RSA and ECDSA keys");
        }
        return key;
    }

    private static PrivateKey convert(Object key) {
        try {
            return key instanceof PEMKeyPair pair ? KEYS.getKeyPair(pair).getPrivate() : KEYS.getPrivateKey((PrivateKeyInfo) key);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("\"privateKey\" holds a key of a kind that cannot be read");
        }
    }

    private static boolean isKey(Object object) {
        return object instanceof PEMKeyPair || object instanceof PrivateKeyInfo || object instanceof PEMEncryptedKeyPair
                || object instanceof PKCS8EncryptedPrivateKeyInfo;
    }

    /** The PEM objects of a field; what the parser says about a broken one is not repeated (it may be a key). */
    private static List<Object> objects(String pem, String field) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("\"" + field + "\" is required (PEM)");
        }
        if (pem.length() > MAX_PEM) {
            throw new IllegalArgumentException("\"" + field + "\" is longer than " + MAX_PEM / 1024 + " KiB");
        }
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("\"" + field + "\" is not valid PEM");
        }
        return objects;
    }

    /** Whether the key is the one of the certificate: what it signs, the certificate's public key verifies. */
    private static void requireMatch(X509Certificate leaf, PrivateKey key) {
        boolean matches;
        try {
            String algorithm = "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(probe);
            matches = key.getAlgorithm().equals(leaf.getPublicKey().getAlgorithm()) && verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new IllegalArgumentException("the private key does not belong to the certificate (the first one of"
                    + " the chain)");
        }
    }

    private static List<String> names(X509Certificate leaf) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = leaf.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> alternative : alternatives) {
                    // 2: dNSName
                    if (Integer.valueOf(2).equals(alternative.get(0)) && alternative.get(1) instanceof String name) {
                        names.add(name);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException("the certificate's subjectAltName cannot be read");
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("the certificate names no DNS name in subjectAltName (browsers ignore"
                    + " the common name)");
        }
        return names;
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    private static String issuer(X509Certificate leaf) {
        String issuer = leaf.getIssuerX500Principal().getName(X500Principal.RFC2253);
        return issuer.length() > MAX_ISSUER ? issuer.substring(0, MAX_ISSUER - 3) + "..." : issuer;
    }

    private static String encodeChain(List<X509Certificate> chain) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : chain) {
            try {
                pem.append(Pem.block("CERTIFICATE", certificate.getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("the certificate cannot be encoded again");
            }
        }
        return pem.toString();
    }
}
