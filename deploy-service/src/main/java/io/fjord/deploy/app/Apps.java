package io.fjord.deploy.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

import io.fjord.deploy.docker.Containers;
import io.fjord.deploy.docker.Labels;
import io.fjord.deploy.release.DeployConfig;
import io.fjord.deploy.release.DeployLanes;
import io.fjord.deploy.release.Release;
import io.fjord.deploy.release.Releases;
import io.fjord.events.AppCreated;
import io.fjord.events.AppDestroyed;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.api.ApiException;
import io.fjord.platform.bus.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Creating and destroying apps; deploy-service owns them, the other services follow their events. */
@ApplicationScoped
public class Apps {
    private final Outbox outbox;
    private final Releases releases;
    private final Containers containers;
    private final DeployLanes lanes;
    private final DeployConfig config;

    Apps(Outbox outbox, Releases releases, Containers containers, DeployLanes lanes, DeployConfig config) {
        this.outbox = outbox;
        this.releases = releases;
        this.containers = containers;
        this.lanes = lanes;
        this.config = config;
    }

    @Transactional
    public App create(String name) {
        AppName.problem(name).ifPresent(problem -> {
            throw ApiException.badRequest(problem);
        });
        if (App.byName(name) != null) {
            throw ApiException.conflict("app '" + name + "' already exists");
        }
        App app = new App();
        app.name = name;
        app.createdAt = Release.now();
        try {
            app.persistAndFlush();
        } catch (ConstraintViolationException e) {
            // Created by a concurrent request between the check and the insert.
            throw ApiException.conflict("app '" + name + "' already exists");
        }
        outbox.emit(RoutingKeys.APP_CREATED, name, new AppCreated(name));
        return app;
    }

    /**
     * Stops and removes the app's containers, then deletes its records and announces it. Containers go
     * first: if the engine fails, nothing is deleted and the call can simply be repeated.
     */
    public void destroy(String name) {
        if (!AppName.isValid(name) || !QuarkusTransaction.requiringNew().call(() -> App.byName(name) != null)) {
            throw notFound(name);
        }
        removeContainers(name);
        QuarkusTransaction.requiringNew().run(() -> {
            App app = App.lock(name);
            if (app == null) {
                throw notFound(name);
            }
            releases.deleteAll(app);
            app.delete();
            outbox.emit(RoutingKeys.APP_DESTROYED, name, new AppDestroyed(name));
        });
        lanes.abandon(name);
        // A rollout may have made a container in between; it would remove it itself on finding its
        // release gone, but this does not rely on timing.
        removeContainers(name);
    }

    /** Locks the app of a URL for the caller's transaction; an invalid or unknown name is a 404. */
    public static App lock(String name) {
        App app = AppName.isValid(name) ? App.lock(name) : null;
        if (app == null) {
            throw notFound(name);
        }
        return app;
    }

    public static ApiException notFound(String name) {
        return ApiException.notFound(AppName.isValid(name) ? "no app named '" + name + "'" : "no such app");
    }

    private void removeContainers(String name) {
        for (String id : containers.find(Labels.ofApp(name))) {
            containers.stopAndRemove(id, config.container().stopTimeout());
        }
    }
}
