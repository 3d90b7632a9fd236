package io.fjord.proxy.edge;

import static io.fjord.proxy.edge.EdgeTesting.create;
import static io.fjord.proxy.edge.EdgeTesting.route;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.testing.TestBus;
import io.fjord.proxy.nginx.NginxConfig;
import io.fjord.proxy.nginx.NginxProcess;
import io.fjord.proxy.tls.Certificates;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A certificate ordered over ACME HTTP-01 from Pebble, Let's Encrypt's test CA, which validates the
 * challenge for real by fetching the token from the test nginx; then renewed.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AcmeTest {

    @Inject
    EdgeApplier applier;
    @Inject
    NginxProcess nginx;
    @Inject
    NginxConfig config;
    @Inject
    Certificates certificates;

    private TestBus bus;
    private Backend backend;
    private Pebble pebble;
    private String app;

    @BeforeAll
    void start() throws Exception {
        bus = TestBus.watching(RoutingKeys.ROUTES_APPLIED);
        backend = Backend.start("A");
        applier.reconcile();
        // target/pebble/ca.pem is what %test.fjord.acme.trust-certificate names.
        pebble = Pebble.start(Path.of("target/pebble"), EdgeTesting.port(config.listen()));
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            applier.remove(app);
        }
        pebble.close();
        nginx.quit();
        backend.close();
        bus.close();
    }

    @Test
    void aCertificateIsOrderedFromPebbleOverHttp01ServedAndRenewed() throws Exception {
        app = EdgeTesting.newName();
        create(bus, app);
        route(bus, app, 1, backend);
        String domain = "www." + app + ".example";
        given().contentType(ContentType.JSON).body(Map.of("domains", List.of(domain, "*." + app + ".example")))
                .put("/api/apps/" + app + "/domains").then().statusCode(200);
        X509Certificate root = pebble.root();

        String fingerprint = order(domain).then().statusCode(201)
                .body("domain", equalTo(domain)).body("source", equalTo("acme"))
                .body("issuer", containsString("Pebble Intermediate CA"))
                .extract().path("fingerprint");

        TlsClient client = new TlsClient(EdgeTesting.port(config.listenTls()), root);
        TlsClient.Handshake served = client.handshake(domain, "h2", "http/1.1");
        assertThat(served.certificate().getSubjectAlternativeNames()).contains(List.of(2, domain));
        assertThat(served.protocol()).isEqualTo("h2");
        assertThat(client.get(domain, "/")).isEqualTo("HTTP/1.1 200 OK\n\nhello from A");
        EdgeTesting.edge(config.listen(), domain, "/").then().statusCode(301);

        // Renewal orders again what ends within the window; the challenge now passes the HTTPS redirect.
        List<String> renewed = certificates.renewEndingBefore(Instant.now().plus(Duration.ofDays(100 * 365)));

        assertThat(renewed).contains(domain);
        String renewedFingerprint = given().get("/api/apps/" + app + "/certs").then().statusCode(200)
                .extract().path("find { it.domain == '" + domain + "' }.fingerprint");
        assertThat(renewedFingerprint).isNotEqualTo(fingerprint);
        // A new client: the JDK would resume its earlier session, with the old certificate.
        assertThat(new TlsClient(EdgeTesting.port(config.listenTls()), root).handshake(domain, "http/1.1").certificate()
                .getEncoded()).isNotEqualTo(served.certificate().getEncoded());

        order("*." + app + ".example").then().statusCode(400).body("error", containsString("wildcard"));
        order("other." + app + ".example").then().statusCode(400).body("error", containsString("is not a domain of " + app));
    }

    private Response order(String domain) {
        return given().contentType(ContentType.JSON).body(Map.of("domain", domain)).post("/api/apps/" + app + "/certs/acme");
    }
}
