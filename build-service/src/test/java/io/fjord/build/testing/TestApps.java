package io.fjord.build.testing;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;

import io.fjord.events.AppCreated;
import io.fjord.events.AppDestroyed;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.testing.TestBus;
import io.restassured.http.ContentType;

/**
 * Apps for a test class, made the way deploy-service makes them (app.created on the real bus), with
 * random names so leftovers of earlier runs never collide; {@link #close} destroys them and removes
 * whatever image is left. While it is open, {@link #buildConfig} answers for deploy-service's build-time
 * config vars (404, no build args, unless a test sets some).
 */
public final class TestApps implements AutoCloseable {
    private final TestBus bus;
    private final Path gitRoot;
    private final DockerClient docker;
    private final List<String> created = new ArrayList<>();
    private final BuildConfigStub buildConfig;

    public TestApps(TestBus bus, Path gitRoot, DockerClient docker) throws IOException {
        this.bus = bus;
        this.gitRoot = gitRoot;
        this.docker = docker;
        this.buildConfig = new BuildConfigStub();
    }

    public BuildConfigStub buildConfig() {
        return buildConfig;
    }

    public static String randomName(String prefix) {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return prefix + "-" + HexFormat.of().formatHex(random);
    }

    public Path repository(String app) {
        return gitRoot.toAbsolutePath().resolve(app + ".git");
    }

    /** Publishes app.created and waits until the repository's hook is in place and the API knows the app. */
    public String create(String prefix) throws IOException {
        String app = randomName(prefix);
        created.add(app);
        bus.publish(RoutingKeys.APP_CREATED, app, new AppCreated(app));
        Waits.until(Duration.ofSeconds(20), app + " is known", () -> Files.isExecutable(repository(app).resolve(
                "hooks/pre-receive")) && given().get("/api/apps/{app}/builds", app).statusCode() == 200);
        return app;
    }

    /** Uploads a source and waits for the build to end; returns its id. */
    public long build(String app, byte[] tarGz) {
        long id = given().contentType("application/gzip").body(tarGz)
                .post("/api/apps/{app}/builds", app)
                .then().statusCode(202).extract().jsonPath().getLong("id");
        awaitEnd(id);
        return id;
    }

    public static void awaitEnd(long id) {
        Waits.until(Duration.ofMinutes(2), "build " + id + " ends", () -> !List.of("queued", "building").contains(
                given().accept(ContentType.JSON).get("/api/builds/{id}", id).jsonPath().getString("status")));
    }

    public List<Image> images(Map<String, String> labels) {
        return docker.listImagesCmd().withLabelFilter(labels).exec();
    }

    @Override
    public void close() throws IOException {
        buildConfig.close();
        for (String app : created) {
            bus.publish(RoutingKeys.APP_DESTROYED, app, new AppDestroyed(app));
        }
        for (String app : created) {
            Waits.until(Duration.ofSeconds(30), "the images of " + app + " are gone",
                    () -> images(Map.of("io.fjord.app", app, "io.fjord.managed", "true")).isEmpty()
                            && !Files.exists(repository(app)));
        }
        created.clear();
    }

    /** For images a test made itself outside Fjord. */
    public void removeImage(String reference) {
        try {
            docker.removeImageCmd(reference).withForce(true).exec();
        } catch (NotFoundException gone) {
            // already removed
        }
    }
}
