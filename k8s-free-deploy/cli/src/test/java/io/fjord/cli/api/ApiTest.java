package io.fjord.cli.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fjord.cli.CliException;
import io.fjord.cli.ExitCodes;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ApiTest {
    private final Api api = new Api(URI.create("http://api.fjord.localhost"), "fjord_secret");

    @Test
    void sendsLocalhostNamesToLoopbackWithTheNameAsHost() {
        assertEquals(URI.create("http://127.0.0.1/api/apps"), Api.target(URI.create("http://api.fjord.localhost"), "/api/apps"));
        assertEquals(URI.create("http://127.0.0.1:8080/x/api/apps"), Api.target(URI.create("http://api.fjord.localhost:8080/x/"), "/api/apps"));
        HttpRequest request = api.toHttp(Request.get("/api/apps"), Duration.ofSeconds(1), "application/json");
        assertEquals("api.fjord.localhost", request.headers().firstValue("Host").orElseThrow());
    }

    @Test
    void sendsOtherHostsAsTheyAre() {
        assertEquals(URI.create("https://api.example.com/api/apps"), Api.target(URI.create("https://api.example.com/"), "/api/apps"));
        HttpRequest request = new Api(URI.create("https://api.example.com"), "t").toHttp(Request.get("/api/apps"), null, "*/*");
        assertFalse(request.headers().firstValue("Host").isPresent());
    }

    @Test
    void sendsTheBearerTokenAndJson() {
        HttpRequest request = api.toHttp(Request.patch("/api/apps/shop/config", Json.object().put("A", "1")), Duration.ofSeconds(1), "application/json");
        assertEquals("PATCH", request.method());
        assertEquals("Bearer fjord_secret", request.headers().firstValue("Authorization").orElseThrow());
        assertEquals("application/json", request.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(Duration.ofSeconds(1), request.timeout().orElseThrow());
    }

    @Test
    void sendsNoContentTypeWithoutABody() {
        HttpRequest request = api.toHttp(Request.delete("/api/apps/shop"), null, "application/json");
        assertEquals("DELETE", request.method());
        assertFalse(request.headers().firstValue("Content-Type").isPresent());
        assertTrue(request.timeout().isEmpty());
    }

    @Test
    void reportsTheApisOwnErrorText() {
        ApiException e = Api.error(Request.get("/api/apps/shop"), 404, "{\"error\": \"app \\\"shop\\\" not found\"}");
        assertEquals(404, e.status());
        assertEquals("app \"shop\" not found", e.getMessage());
        assertEquals(ExitCodes.ERROR, e.exitCode());
    }

    @Test
    void reportsTheStatusWhenTheBodyIsNotTheApis() {
        assertEquals("GET /api/apps answered HTTP 502", Api.error(Request.get("/api/apps"), 502, "<html>Bad Gateway</html>").getMessage());
    }

    @Test
    void tellsWhatToDoOnA401() {
        assertEquals("invalid token; log in again with `fjord login`",
                Api.error(Request.get("/api/apps"), 401, "{\"error\":\"invalid token\"}").getMessage());
    }

    @Test
    void namesWhyTheApiCannotBeReached() {
        assertEquals("connection refused", Api.reason(new ConnectException()));
        assertEquals("connection timed out", Api.reason(new HttpConnectTimeoutException("x")));
        ConnectException unresolved = new ConnectException();
        unresolved.initCause(new ConnectException());
        unresolved.getCause().initCause(new UnresolvedAddressException());
        assertEquals("unknown host", Api.reason(unresolved));
    }

    @Test
    void exitsWith3WhenNothingListens() {
        // Port 9 (discard) on loopback: nothing of this machine listens there.
        Api nowhere = new Api(URI.create("http://127.0.0.1:9"), "t");
        CliException e = assertThrows(CliException.class, () -> nowhere.call(Request.get("/api/apps")));
        assertEquals(ExitCodes.UNREACHABLE, e.exitCode());
        assertEquals("cannot reach the API at http://127.0.0.1:9: connection refused", e.getMessage());
    }
}
