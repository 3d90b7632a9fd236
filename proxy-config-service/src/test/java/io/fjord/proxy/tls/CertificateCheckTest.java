package io.fjord.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.fjord.proxy.tls.CertificateCheck.Checked;
import io.fjord.proxy.tls.TestCertificates.Issued;

class CertificateCheckTest {
    private static final Instant NOW = Instant.now();

    @Test
    void aMatchingCertificateForTheDomainPassesAndIsWrittenBackAsCleanPem() {
        Issued issued = TestCertificates.selfSigned("www.shop.example", "shop.example");

        Checked checked = CertificateCheck.check("www.shop.example", "some text before\n" + issued.certificatePem(),
                issued.keyPem(), NOW);

        assertThat(checked.names()).containsExactly("www.shop.example", "shop.example");
        assertThat(checked.notAfter()).isEqualTo(issued.certificate().getNotAfter().toInstant());
        assertThat(checked.fingerprint()).hasSize(64).isEqualTo(CertificateCheck.fingerprint(issued.certificatePem()));
        assertThat(checked.issuer()).isEqualTo("CN=www.shop.example");
        assertThat(checked.pem().chain()).isEqualTo(issued.certificatePem());
        assertThat(checked.pem().key()).isEqualTo(issued.keyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(checked.pem().toString()).doesNotContain(issued.keyPem().substring(30, 60));
    }

    @Test
    void readsRsaAndTraditionalKeyFormats() throws Exception {
        Issued rsa = TestCertificates.selfSigned(TestCertificates.rsaKey(2048), NOW.minusSeconds(60),
                NOW.plus(Duration.ofDays(1)), "shop.example");
        StringWriter pkcs1 = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pkcs1)) {
            writer.writeObject(rsa.key().getPrivate());
        }
        assertThat(pkcs1.toString()).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        Checked checked = CertificateCheck.check("shop.example", rsa.certificatePem(), pkcs1.toString(), NOW);

        assertThat(checked.pem().key()).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void acceptsAChainInOrder() {
        Issued ca = TestCertificates.ca("Test CA");
        Issued server = TestCertificates.issuedBy(ca, List.of("shop.example"), List.of());

        Checked checked = CertificateCheck.check("shop.example", server.certificatePem() + ca.certificatePem(),
                server.keyPem(), NOW);

        assertThat(checked.issuer()).isEqualTo("CN=Test CA");
        assertThat(checked.pem().chain()).isEqualTo(server.certificatePem() + ca.certificatePem());
        assertThatThrownBy(() -> CertificateCheck.check("shop.example", ca.certificatePem() + server.certificatePem(),
                server.keyPem(), NOW)).hasMessageContaining("out of order");
    }

    @Test
    void refusesAKeyOfAnotherCertificate() {
        Issued issued = TestCertificates.selfSigned("shop.example");
        Issued other = TestCertificates.selfSigned("shop.example");
        Issued rsa = TestCertificates.selfSigned(TestCertificates.rsaKey(2048), NOW.minusSeconds(60),
                NOW.plus(Duration.ofDays(1)), "shop.example");

        assertThatThrownBy(() -> CertificateCheck.check("shop.example", issued.certificatePem(), other.keyPem(), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the private key does not belong to the certificate (the first one of the chain)");
        assertThatThrownBy(() -> CertificateCheck.check("shop.example", issued.certificatePem(), rsa.keyPem(), NOW))
                .hasMessageContaining("does not belong");
    }

    @Test
    void refusesExpiredAndNotYetValidCertificates() {
        Issued expired = TestCertificates.selfSigned(TestCertificates.ecKey(), NOW.minus(Duration.ofDays(30)),
                NOW.minus(Duration.ofDays(1)), "shop.example");
        Issued future = TestCertificates.selfSigned(TestCertificates.ecKey(), NOW.plus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30)), "shop.example");

        assertThatThrownBy(() -> CertificateCheck.check("shop.example", expired.certificatePem(), expired.keyPem(), NOW))
                .hasMessageStartingWith("the certificate expired on ");
        assertThatThrownBy(() -> CertificateCheck.check("shop.example", future.certificatePem(), future.keyPem(), NOW))
                .hasMessageStartingWith("the certificate is not valid before ");
    }

    @ParameterizedTest
    @CsvSource({ "www.shop.example, www.shop.example, true", "WWW.Shop.Example, www.shop.example, true",
            "*.shop.example, www.shop.example, true", "*.shop.example, shop.example, false",
            "*.shop.example, a.b.shop.example, false", "*.shop.example, *.shop.example, true",
            "www.shop.example, *.shop.example, false", "*.example, shop.example, true", "w*.shop.example, www.shop.example, false",
            "shop.example, www.shop.example, false" })
    void coversTheDomainByTheWildcardRule(String certificateName, String domain, boolean covers) {
        assertThat(CertificateCheck.covers(certificateName, domain)).isEqualTo(covers);
    }

    @Test
    void refusesACertificateThatDoesNotNameTheDomain() {
        Issued issued = TestCertificates.selfSigned("*.shop.example");
        Issued noNames = TestCertificates.selfSigned(TestCertificates.ecKey(), NOW.minusSeconds(60), NOW.plusSeconds(3600));

        assertThatThrownBy(() -> CertificateCheck.check("shop.example", issued.certificatePem(), issued.keyPem(), NOW))
                .hasMessage("the certificate does not cover shop.example; it is for *.shop.example");
        assertThatThrownBy(() -> CertificateCheck.check("shop.example", noNames.certificatePem(), noNames.keyPem(), NOW))
                .hasMessageContaining("names no DNS name");
    }

    @Test
    void refusesWeakAndUnservedKeys() {
        Issued weak = TestCertificates.selfSigned(TestCertificates.rsaKey(1024), NOW.minusSeconds(60), NOW.plusSeconds(3600),
                "shop.example");

        assertThatThrownBy(() -> CertificateCheck.check("shop.example", weak.certificatePem(), weak.keyPem(), NOW))
                .hasMessage("the RSA key has 1024 bits; at least 2048 are needed");
    }

    @Test
    void refusesWhatIsNotPemOrInTheWrongFieldWithoutRepeatingTheKey() throws Exception {
        Issued issued = TestCertificates.selfSigned("shop.example");
        String cert = issued.certificatePem();
        String key = issued.keyPem();
        String keyBody = key.split("\n")[1];
        String brokenKey = key.replace(keyBody, keyBody.substring(0, 20) + "!!!!" + keyBody.substring(24));
        StringWriter encrypted = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(encrypted)) {
            writer.writeObject(new JcaPKCS8Generator(issued.key().getPrivate(),
                    new JceOpenSSLPKCS8EncryptorBuilder(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC)
                            .setPassword("secret".toCharArray()).build()));
        }

        List<List<String>> cases = List.of(List.of("", key, "\"certificate\" is required (PEM)"),
                List.of("not a certificate", key, "\"certificate\" holds no PEM certificate"),
                List.of(key, key, "\"certificate\" holds a private key"),
                List.of(cert.replace("MII", "M!I"), key, "\"certificate\" is not valid PEM"),
                List.of(cert, "", "\"privateKey\" is required (PEM)"),
                List.of(cert, cert, "\"privateKey\" holds a certificate"),
                List.of(cert, brokenKey, "\"privateKey\" is not valid PEM"),
                List.of(cert, key + key, "\"privateKey\" holds more than one key"),
                List.of(cert, encrypted.toString(), "the private key is encrypted"),
                List.of(cert, "x".repeat(70 * 1024), "\"privateKey\" is longer than 64 KiB"));
        for (List<String> bad : cases) {
            assertThatThrownBy(() -> CertificateCheck.check("shop.example", bad.get(0), bad.get(1), NOW))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(bad.get(2))
                    .hasMessageNotContaining(keyBody.substring(0, 16));
        }
    }
}
