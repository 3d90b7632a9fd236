package io.fjord.proxy.edge;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.fjord.events.RoutesApplied;
import io.fjord.events.RoutesRejected;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.api.ApiException;
import io.fjord.platform.bus.Outbox;
import io.fjord.proxy.edge.Outcome.Ignored;
import io.fjord.proxy.route.AppRoute;
import io.fjord.proxy.route.Upstream;

/** A change queued for the applier, with the outcome its sender waits for. */
abstract class Change {
    final String app;
    final CompletableFuture<Outcome> result = new CompletableFuture<>();

    Change(String app) {
        this.app = app;
    }

    /**
     * The app's route after this change, from the one before it.
     *
     * @throws ApiException to refuse the change
     */
    abstract Step plan(AppRoute current, Batch batch);

    /** Its events, in the transaction that stores what went live. */
    void applied(Outbox outbox) {
    }

    /** Its events when it did not go live, in a transaction of its own. */
    void rejected(Outbox outbox, String reason) {
    }

    /** What it is, for the log. */
    abstract String describe();

    void finish(Outcome outcome) {
        result.complete(outcome);
    }

    /**
     * What planning a change leads to: a new route, the app's removal (neither a route nor an outcome), or
     * an outcome without any change.
     */
    record Step(AppRoute next, Outcome done) {

        static Step to(AppRoute next) {
            return new Step(next, null);
        }

        static Step removal() {
            return new Step(null, null);
        }

        static Step done(Outcome outcome) {
            return new Step(null, outcome);
        }
    }

    /** New upstreams from deploy-service, answered with routes.applied or routes.rejected. */
    static final class Routes extends Change {
        final long generation;
        final List<Upstream> upstreams;

        Routes(String app, long generation, List<Upstream> upstreams) {
            super(app);
            this.generation = generation;
            this.upstreams = upstreams;
        }

        @Override
        Step plan(AppRoute current, Batch batch) {
            if (generation < current.generation()) {
                return Step.done(new Ignored());
            }
            // The live generation asked for again (a retried deploy): answered as the first time, unchanged.
            return Step.to(generation == current.generation() ? current : current.withUpstreams(generation, upstreams));
        }

        @Override
        void applied(Outbox outbox) {
            outbox.emit(RoutingKeys.ROUTES_APPLIED, app, new RoutesApplied(app, generation));
        }

        @Override
        void rejected(Outbox outbox, String reason) {
            outbox.emit(RoutingKeys.ROUTES_REJECTED, app, new RoutesRejected(app, generation, reason));
        }

        @Override
        String describe() {
            return "routes of " + app + " generation " + generation + " " + upstreams;
        }
    }

    /** An API call's change of an app that exists. */
    static final class Edit extends Change {
        private final AppEdit edit;
        private final String description;

        Edit(String app, String description, AppEdit edit) {
            super(app);
            this.edit = edit;
            this.description = description;
        }

        @Override
        Step plan(AppRoute current, Batch batch) {
            if (!batch.known(app)) {
                throw ApiException.notFound("no app is named " + app);
            }
            return Step.to(edit.apply(current, batch));
        }

        @Override
        String describe() {
            return description + " (" + app + ")";
        }
    }

    /** A destroyed app taken off the edge: its file, its certificates, its rows. */
    static final class Removal extends Change {

        Removal(String app) {
            super(app);
        }

        @Override
        Step plan(AppRoute current, Batch batch) {
            return Step.removal();
        }

        @Override
        String describe() {
            return "removal of " + app;
        }
    }
}
