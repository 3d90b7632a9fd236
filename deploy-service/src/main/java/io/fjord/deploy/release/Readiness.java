package io.fjord.deploy.release;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.fjord.deploy.docker.Containers;
import io.fjord.deploy.docker.DockerErrors;

/**
 * Whether a new container may take its share of the work: its process type's health checks (set through
 * the API, else the image's app.json, else {@code GET /up} for web) pass, and it still runs.
 */
@ApplicationScoped
public class Readiness {
    private static final String APP_JSON = "/app.json";

    private final Containers containers;
    private final AppRuntime runtime;

    Readiness(Containers containers, AppRuntime runtime) {
        this.containers = containers;
        this.runtime = runtime;
    }

    /**
     * The checks a release's containers must pass.
     *
     * @throws IllegalArgumentException when the image's app.json is unreadable or its checks are invalid
     */
    public HealthChecks checks(Releases.Plan plan) {
        if (plan.apiChecks() != null) {
            return plan.apiChecks();
        }
        Optional<String> appJson;
        try {
            appJson = containers.readFile(plan.image(), APP_JSON, HealthChecks.MAX_APP_JSON_BYTES);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("app.json: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("app.json could not be read from the image: " + DockerErrors.describe(e));
        }
        try {
            return appJson.map(json -> HealthChecks.fromAppJson(json, runtime.defaultCheck())).orElse(HealthChecks.NONE);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith("app.json") ? e.getMessage()
                    : "app.json: " + e.getMessage());
        }
    }

    /** Why the container is not ready (after waiting for its checks until the deadline), or empty. */
    public Optional<String> problem(String id, String process, int port, HealthChecks checks, Instant deadline)
            throws InterruptedException {
        String address = containers.address(id).orElse(null);
        if (address == null) {
            // Only a container that is not running has no address: most likely it exited at once.
            return Optional.of(containers.stopped(id).orElse("the container has no address on Fjord's network"));
        }
        List<HealthCheck.Settings> list = checks.of(process, runtime.defaultCheck());
        for (HealthCheck.Settings check : list) {
            HealthCheck.Result result = new HealthCheck(check).await(address, port, () -> containers.stopped(id), deadline);
            if (!result.healthy()) {
                return Optional.of(result.reason());
            }
        }
        return containers.stopped(id);
    }
}
