package io.fjord.proxy.edge;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.fjord.events.AppCreated;
import io.fjord.events.CloudEvent;
import io.fjord.events.EventJson;
import io.fjord.events.RoutesApplied;
import io.fjord.events.RoutesChanged;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.testing.TestBus;
import io.restassured.response.Response;

/** What the edge's tests share: apps that exist, routes through the bus, requests to the test nginx. */
final class EdgeTesting {
    static final Duration WAIT = Duration.ofSeconds(20);

    private EdgeTesting() {
    }

    static String newName() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Announces an app as deploy-service does and waits until this service knows it. */
    static void create(TestBus bus, String app) throws Exception {
        bus.publish(RoutingKeys.APP_CREATED, app, new AppCreated(app));
        eventually(() -> given().get("/api/apps/" + app + "/domains").then().statusCode(200));
    }

    static RoutesChanged change(String app, long generation, Backend... backends) {
        return new RoutesChanged(app, generation,
                Arrays.stream(backends).map(backend -> new RoutesChanged.Upstream("127.0.0.1", backend.port())).toList());
    }

    /** Publishes a change as deploy-service does and waits until the edge serves it. */
    static void route(TestBus bus, String app, long generation, Backend... backends) throws Exception {
        bus.publish(RoutingKeys.ROUTES_CHANGED, app, change(app, generation, backends));
        awaitApplied(bus, app, generation);
    }

    static CloudEvent awaitApplied(TestBus bus, String app, long generation) throws InterruptedException {
        return bus.await(RoutingKeys.ROUTES_APPLIED, event -> app.equals(event.subject())
                && EventJson.data(event, RoutesApplied.class).generation() == generation, WAIT);
    }

    /** A plain HTTP request to the test nginx, as a browser asking for {@code host} would send it. */
    static Response edge(String listen, String host, String path, String... headers) {
        var request = given().baseUri("http://127.0.0.1").port(port(listen)).header("Host", host).redirects().follow(false);
        for (int i = 0; i < headers.length; i += 2) {
            request = request.header(headers[i], headers[i + 1]);
        }
        return request.get(path);
    }

    static int port(String listen) {
        return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
    }

    static List<Path> candidates(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(path -> path.getFileName().toString().startsWith(".candidate-")).toList();
        }
    }

    interface Check {
        void run() throws Exception;
    }

    /** Retries a check for a few seconds: a reload or a handled event takes a moment. */
    static void eventually(Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
