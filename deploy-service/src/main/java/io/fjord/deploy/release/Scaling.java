package io.fjord.deploy.release;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

import io.fjord.deploy.app.App;
import io.fjord.deploy.app.Apps;

/**
 * The process formation: how many containers of each type the live release runs. A change is recorded,
 * then applied by a reconciliation on the app's lane; other types keep their containers untouched.
 */
@ApplicationScoped
public class Scaling {
    private final Releases releases;
    private final AppRuntime runtime;
    private final DeployLanes lanes;
    private final AfterCommit afterCommit;

    Scaling(Releases releases, AppRuntime runtime, DeployLanes lanes, AfterCommit afterCommit) {
        this.releases = releases;
        this.runtime = runtime;
        this.lanes = lanes;
        this.afterCommit = afterCommit;
    }

    /** Every type the app runs, with its count. */
    @Transactional
    public Map<String, Integer> formation(String name) {
        App app = Apps.lock(name);
        return runtime.formation(app, processes(app));
    }

    @Transactional
    public Map<String, Integer> scale(String name, JsonNode change) {
        App app = Apps.lock(name);
        Map<String, String> processes = processes(app);
        app.formation = Formation.apply(app.formation, change, runtime.formation(app, processes).keySet(),
                runtime.formationMax());
        afterCommit.run(() -> lanes.converge(name, false));
        return runtime.formation(app, processes);
    }

    /** The Procfile of the live release, else of the newest one; none before the first. */
    private Map<String, String> processes(App app) {
        Optional<Release> source = releases.live(app)
                .or(() -> Release.<Release>find("app = ?1 order by version desc", app).firstResultOptional());
        return source.map(r -> r.processes).orElse(Map.of());
    }
}
