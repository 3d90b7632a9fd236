package io.fjord.proxy.edge;

import static io.fjord.proxy.edge.EdgeTesting.create;
import static io.fjord.proxy.edge.EdgeTesting.eventually;
import static io.fjord.proxy.edge.EdgeTesting.route;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLException;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.fjord.events.AppDestroyed;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.testing.TestBus;
import io.fjord.proxy.nginx.EdgeSettings;
import io.fjord.proxy.nginx.NginxConfig;
import io.fjord.proxy.nginx.NginxProcess;
import io.fjord.proxy.tls.CertificateCheck;
import io.fjord.proxy.tls.TestCertificates;
import io.fjord.proxy.tls.TestCertificates.Issued;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Uploaded certificates with the real nginx: served over HTTPS with HTTP/2 for their domain, HTTP
 * redirected, bad ones refused with nothing written, keys readable by root only.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsTest {

    @Inject
    EdgeApplier applier;
    @Inject
    NginxProcess nginx;
    @Inject
    EdgeSettings settings;
    @Inject
    NginxConfig config;

    private TestBus bus;
    private Backend backend;
    private final List<String> apps = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        bus = TestBus.watching(RoutingKeys.ROUTES_APPLIED, RoutingKeys.ROUTES_REJECTED);
        backend = Backend.start("A");
        applier.reconcile();
    }

    @AfterAll
    void stop() throws Exception {
        apps.forEach(applier::remove);
        nginx.quit();
        backend.close();
        bus.close();
    }

    @Test
    void anUploadedCertificateIsServedWithHttp2AndHttpMovesToHttps() throws Exception {
        String app = newApp();
        String domain = "secure." + app + ".example";
        putDomains(app, List.of(domain, "plain." + app + ".example")).then().statusCode(200);
        Issued issued = TestCertificates.selfSigned(domain);

        upload(app, domain, issued.certificatePem(), issued.keyPem()).then().statusCode(200)
                .body("domain", equalTo(domain)).body("source", equalTo("uploaded"))
                .body("issuer", equalTo("CN=" + domain))
                .body("fingerprint", equalTo(CertificateCheck.fingerprint(issued.certificatePem())))
                .body("$", not(org.hamcrest.Matchers.hasKey("privateKey")));

        TlsClient client = new TlsClient(tlsPort(), issued.certificate());
        TlsClient.Handshake h2 = client.handshake(domain, "h2", "http/1.1");
        assertThat(h2.certificate()).isEqualTo(issued.certificate());
        assertThat(h2.certificate().getSubjectAlternativeNames()).containsExactly(List.of(2, domain));
        assertThat(h2.protocol()).as("HTTP/2 negotiated by ALPN").isEqualTo("h2");
        assertThat(client.get(domain, "/page")).isEqualTo("HTTP/1.1 200 OK\n\nhello from A");
        assertThat(backend.lastHeaders().getFirst("X-Forwarded-Proto")).isEqualTo("https");

        edge(domain, "/page?q=1").then().statusCode(301)
                .header("Location", "https://" + domain + ":" + tlsPort() + "/page?q=1");
        edge(domain, "/.well-known/acme-challenge/unknown-token").then().statusCode(404);
        edge("plain." + app + ".example", "/").then().statusCode(200).body(equalTo("hello from A"));
        given().get("/api/apps/" + app + "/certs").then().statusCode(200).body("domain", contains(domain));
        given().get("/api/routes").then().body("find { it.app == '" + app + "' }.https", contains(domain));

        Path certs = settings.dir().resolve("certs");
        assertThat(Files.getPosixFilePermissions(certs)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(certs.resolve(app))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(certs.resolve(app + "/" + domain + ".key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(certs.resolve(app + "/" + domain + ".crt")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(certs.resolve(app + "/" + domain + ".key")).hasContent(issued.keyPem());

        // A name no certificate covers gets no certificate at all, not another app's. (A new client: the JDK
        // would resume its session with the edge under the other name.)
        assertThatThrownBy(() -> new TlsClient(tlsPort(), issued.certificate()).handshake("plain." + app + ".example",
                "http/1.1")).isInstanceOf(SSLException.class);
    }

    @Test
    void aWildcardCertificateServesItsWildcardDomain() throws Exception {
        String app = newApp();
        String wildcard = "*." + app + ".example";
        putDomains(app, List.of(wildcard)).then().statusCode(200);
        Issued issued = TestCertificates.selfSigned(wildcard);

        upload(app, wildcard, issued.certificatePem(), issued.keyPem()).then().statusCode(200);

        assertThat(new TlsClient(tlsPort(), issued.certificate()).get("api." + app + ".example", "/"))
                .isEqualTo("HTTP/1.1 200 OK\n\nhello from A");
        assertThat(settings.dir().resolve("certs/" + app + "/_." + app + ".example.crt")).exists();
    }

    @Test
    void badCertificatesAreRefusedWithNothingWritten() throws Exception {
        String app = newApp();
        String other = newApp();
        String domain = "secure." + app + ".example";
        putDomains(app, List.of(domain)).then().statusCode(200);
        putDomains(other, List.of("secure." + other + ".example")).then().statusCode(200);
        String file = Files.readString(appFile(app));
        Issued good = TestCertificates.selfSigned(domain);
        Issued stranger = TestCertificates.selfSigned(domain);
        Issued expired = TestCertificates.selfSigned(TestCertificates.ecKey(), Instant.now().minus(Duration.ofDays(60)),
                Instant.now().minus(Duration.ofDays(1)), domain);
        Issued elsewhere = TestCertificates.selfSigned("secure." + other + ".example");

        assertRefused(upload(app, domain, good.certificatePem(), stranger.keyPem()),
                "the private key does not belong to the certificate", stranger);
        assertRefused(upload(app, domain, expired.certificatePem(), expired.keyPem()), "the certificate expired on ", expired);
        assertRefused(upload(app, domain, elsewhere.certificatePem(), elsewhere.keyPem()),
                "the certificate does not cover " + domain, elsewhere);
        assertRefused(upload(app, "secure." + other + ".example", elsewhere.certificatePem(), elsewhere.keyPem()),
                "secure." + other + ".example is not a domain of " + app, elsewhere);
        assertRefused(upload(app, domain, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n",
                good.keyPem()), "\"certificate\" is not valid PEM", good);
        assertRefused(upload(app, domain, good.certificatePem(), good.keyPem().replace("M", "!")),
                "\"privateKey\" is not valid PEM", good);
        assertRefused(upload(app, "secure;" + app + ".example", good.certificatePem(), good.keyPem()),
                "\"secure;" + app + ".example\" is not a domain", good);
        assertRefused(given().contentType(ContentType.JSON).body("{\"domain\": \"" + domain + "\"}").put("/api/apps/" + app + "/certs"),
                "\"certificate\" is required", good);

        assertThat(appFile(app)).hasContent(file);
        assertThat(settings.dir().resolve("certs/" + app)).doesNotExist();
        given().get("/api/apps/" + app + "/certs").then().body("$", empty());
        edge(domain, "/").then().statusCode(200).body(equalTo("hello from A"));
    }

    @Test
    void aRemovedCertificateServesItsDomainOverHttpAgain() throws Exception {
        String app = newApp();
        String domain = "secure." + app + ".example";
        putDomains(app, List.of(domain)).then().statusCode(200);
        Issued issued = TestCertificates.selfSigned(domain);
        upload(app, domain, issued.certificatePem(), issued.keyPem()).then().statusCode(200);

        given().delete("/api/apps/" + app + "/certs/" + domain).then().statusCode(204);

        edge(domain, "/").then().statusCode(200).body(equalTo("hello from A"));
        assertThat(settings.dir().resolve("certs/" + app)).doesNotExist();
        given().delete("/api/apps/" + app + "/certs/" + domain).then().statusCode(404);

        // Dropping the domain drops its certificate with it.
        upload(app, domain, issued.certificatePem(), issued.keyPem()).then().statusCode(200);
        putDomains(app, List.of()).then().statusCode(200);
        given().get("/api/apps/" + app + "/certs").then().body("$", empty());
        assertThat(settings.dir().resolve("certs/" + app)).doesNotExist();
    }

    @Test
    void startupRepairFixesModesAndDropsACertificateWhoseFilesAreGone() throws Exception {
        String app = newApp();
        String kept = "kept." + app + ".example";
        String lost = "lost." + app + ".example";
        putDomains(app, List.of(kept, lost)).then().statusCode(200);
        Issued keptCert = TestCertificates.selfSigned(kept);
        Issued lostCert = TestCertificates.selfSigned(lost);
        upload(app, kept, keptCert.certificatePem(), keptCert.keyPem()).then().statusCode(200);
        upload(app, lost, lostCert.certificatePem(), lostCert.keyPem()).then().statusCode(200);
        Path keptKey = settings.dir().resolve("certs/" + app + "/" + kept + ".key");
        Files.setPosixFilePermissions(keptKey, PosixFilePermissions.fromString("rw-r--r--"));
        Files.delete(settings.dir().resolve("certs/" + app + "/" + lost + ".crt"));

        applier.reconcile();

        assertThat(Files.getPosixFilePermissions(keptKey)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(settings.dir().resolve("certs/" + app + "/" + lost + ".key")).doesNotExist();
        given().get("/api/apps/" + app + "/certs").then().body("domain", contains(kept));
        assertThat(new TlsClient(tlsPort(), keptCert.certificate()).get(kept, "/")).isEqualTo("HTTP/1.1 200 OK\n\nhello from A");
        edge(lost, "/").then().statusCode(200).body(equalTo("hello from A"));
    }

    @Test
    void aDestroyedAppsCertificatesGo() throws Exception {
        String app = newApp();
        String domain = "secure." + app + ".example";
        putDomains(app, List.of(domain)).then().statusCode(200);
        Issued issued = TestCertificates.selfSigned(domain);
        upload(app, domain, issued.certificatePem(), issued.keyPem()).then().statusCode(200);

        bus.publish(RoutingKeys.APP_DESTROYED, app, new AppDestroyed(app));

        eventually(() -> assertThat(settings.dir().resolve("certs/" + app)).doesNotExist());
        assertThat(appFile(app)).doesNotExist();
        eventually(() -> assertThatThrownBy(() -> new TlsClient(tlsPort(), issued.certificate()).handshake(domain, "h2"))
                .isInstanceOf(SSLException.class));
    }

    /** 400, the message, and not a trace of the key anywhere in the answer. */
    private static void assertRefused(Response response, String message, Issued key) {
        String keyBody = key.keyPem().split("\n")[1];
        response.then().statusCode(400).body("error", containsString(message))
                .body(not(containsString(keyBody.substring(0, 24))));
    }

    private String newApp() throws Exception {
        String app = EdgeTesting.newName();
        apps.add(app);
        create(bus, app);
        route(bus, app, 1, backend);
        return app;
    }

    private static Response putDomains(String app, List<String> domains) {
        return given().contentType(ContentType.JSON).body(Map.of("domains", domains)).put("/api/apps/" + app + "/domains");
    }

    static Response upload(String app, String domain, String certificate, String key) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("domain", domain, "certificate", certificate, "privateKey", key))
                .put("/api/apps/" + app + "/certs");
    }

    private Response edge(String host, String path) {
        return EdgeTesting.edge(config.listen(), host, path);
    }

    private int tlsPort() {
        return EdgeTesting.port(config.listenTls());
    }

    private Path appFile(String app) {
        return settings.dir().resolve("apps/" + app + ".conf");
    }
}
