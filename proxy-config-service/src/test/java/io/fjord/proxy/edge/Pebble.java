package io.fjord.proxy.edge;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.fjord.proxy.tls.TestCertificates;
import io.fjord.proxy.tls.TestCertificates.Issued;

/**
 * Let's Encrypt's test CA (Debian's {@code pebble}) on loopback, with {@code pebble-challtestsrv} as its
 * DNS: every name resolves to 127.0.0.1, and Pebble validates HTTP-01 for real by fetching the token from
 * the test nginx's HTTP port. Its HTTPS uses a certificate from a CA made here, which the service is told to
 * trust ({@code fjord.acme.trust-certificate}). Started and stopped by the test.
 */
final class Pebble implements AutoCloseable {
    /** As {@code %test.fjord.acme.directory} says. */
    static final int DIRECTORY_PORT = 18491;
    private static final int MANAGEMENT_PORT = 18492;
    private static final int DNS_PORT = 18493;
    private static final int DNS_MANAGEMENT_PORT = 18494;
    private static final int TLS_ALPN_PORT = 18495;

    private final Process dns;
    private final Process pebble;
    private final HttpClient client;

    private Pebble(Process dns, Process pebble, HttpClient client) {
        this.dns = dns;
        this.pebble = pebble;
        this.client = client;
    }

    /**
     * @param dir where its certificates, configuration and logs go; {@code ca.pem} there is what the service trusts
     * @param httpPort where Pebble validates HTTP-01 challenges: the edge's HTTP port
     */
    static Pebble start(Path dir, int httpPort) throws Exception {
        for (String binary : List.of("pebble", "pebble-challtestsrv")) {
            if (!Files.isExecutable(Path.of("/usr/bin", binary))) {
                throw new IllegalStateException(binary + " is not installed: apt-get install -y pebble");
            }
        }
        Files.createDirectories(dir);
        Issued ca = TestCertificates.ca("Fjord test CA for Pebble");
        Issued server = TestCertificates.issuedBy(ca, List.of("localhost"), List.of("127.0.0.1"));
        Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
        Files.writeString(dir.resolve("cert.pem"), server.certificatePem());
        Files.writeString(dir.resolve("key.pem"), server.keyPem());
        Files.writeString(dir.resolve("pebble.json"), """
                {"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
                  "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d,
                  "ocspResponderURL": "", "externalAccountBindingRequired": false}}
                """.formatted(DIRECTORY_PORT, MANAGEMENT_PORT, dir.resolve("cert.pem").toAbsolutePath(),
                dir.resolve("key.pem").toAbsolutePath(), httpPort, TLS_ALPN_PORT));
        Process dns = new ProcessBuilder("pebble-challtestsrv", "-dns01", "127.0.0.1:" + DNS_PORT, "-http01", "",
                "-https01", "", "-tlsalpn01", "", "-management", "127.0.0.1:" + DNS_MANAGEMENT_PORT,
                "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "")
                .redirectErrorStream(true).redirectOutput(dir.resolve("challtestsrv.log").toFile()).start();
        ProcessBuilder builder = new ProcessBuilder("pebble", "-config", dir.resolve("pebble.json").toString(),
                "-dnsserver", "127.0.0.1:" + DNS_PORT)
                .redirectErrorStream(true).redirectOutput(dir.resolve("pebble.log").toFile());
        // No random waits before validating, no nonces refused on purpose, and every order validated again
        // (no authorization reused): a quick, deterministic test of the real challenge every time.
        builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
        builder.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
        builder.environment().put("PEBBLE_AUTHZREUSE", "0");
        Process pebble = builder.start();
        Pebble started = new Pebble(dns, pebble, HttpClient.newBuilder().sslContext(trusting(ca.certificate()))
                .connectTimeout(Duration.ofSeconds(2)).build());
        started.awaitDirectory();
        return started;
    }

    /** The root of the chains Pebble issues (it makes a new one on every start). */
    X509Certificate root() throws Exception {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + MANAGEMENT_PORT + "/roots/0")).build(), HttpResponse.BodyHandlers.ofByteArray());
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(response.body()));
    }

    private void awaitDirectory() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + DIRECTORY_PORT + "/dir")).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !pebble.isAlive() || !dns.isAlive()) {
                    close();
                    throw new IllegalStateException("pebble did not start; see its log in target/pebble", notYet);
                }
            }
            Thread.sleep(100);
        }
    }

    private static SSLContext trusting(X509Certificate ca) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("ca", ca);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : List.of(pebble, dns)) {
            process.destroy();
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
