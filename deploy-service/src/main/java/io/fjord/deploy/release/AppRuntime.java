package io.fjord.deploy.release;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.fjord.deploy.app.App;
import io.fjord.deploy.app.AppSettings;
import io.fjord.deploy.docker.ContainerSettings;
import io.fjord.deploy.docker.ContainerSpec;
import io.fjord.deploy.docker.DockerConfig;

/** How an app's containers run: the platform's defaults with the app's own settings applied. */
@ApplicationScoped
public class AppRuntime {
    private final DeployConfig config;
    private final String network;
    private final HealthCheck.Settings defaultCheck;

    AppRuntime(DeployConfig config, DockerConfig docker) {
        this.config = config;
        this.network = docker.network();
        DeployConfig.Health check = config.health();
        this.defaultCheck = new HealthCheck.Settings(check.path(), check.attempts(), check.interval(), check.timeout());
    }

    public ContainerSettings containers(App app) {
        DeployConfig.Container c = config.container();
        return new ContainerSettings(network,
                app.memoryBytes != null ? app.memoryBytes : c.memory().asLongValue(),
                app.nanoCpus != null ? app.nanoCpus : Math.round(c.cpus() * 1e9),
                c.pidsLimit(),
                AppSettings.capAdd(app),
                c.logMaxSize(), c.logMaxFile(), c.init());
    }

    public Duration drain(App app) {
        return app.drainSeconds != null ? Duration.ofSeconds(app.drainSeconds) : config.container().drainTimeout();
    }

    public Duration stop(App app) {
        return app.stopSeconds != null ? Duration.ofSeconds(app.stopSeconds) : config.container().stopTimeout();
    }

    /**
     * Containers per process type a release of these processes runs: web (served by the image's CMD
     * without a Procfile) and every Procfile type but release. Web runs one until scaled, others none.
     */
    public Map<String, Integer> formation(App app, Map<String, String> processes) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put(ContainerSpec.WEB, count(app, ContainerSpec.WEB));
        new TreeSet<>(processes.keySet()).stream()
                .filter(type -> !type.equals(ContainerSpec.WEB) && !type.equals(ContainerSpec.RELEASE))
                .forEach(type -> counts.put(type, count(app, type)));
        return counts;
    }

    public int formationMax() {
        return config.formationMax();
    }

    public HealthCheck.Settings defaultCheck() {
        return defaultCheck;
    }

    /** The checks set through the API, which win over app.json's. */
    public Optional<HealthChecks> apiChecks(App app) {
        return Optional.ofNullable(app.healthchecks).map(json -> HealthChecks.stored(json, defaultCheck));
    }

    private static int count(App app, String type) {
        Integer count = app.formation == null ? null : app.formation.get(type);
        return count != null ? count : ContainerSpec.WEB.equals(type) ? 1 : 0;
    }
}
