package io.fjord.proxy.edge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fjord.proxy.route.AppRoute;
import io.fjord.proxy.route.RouteTable;

/**
 * Changes planned to go live together: each app's route as stored and as it will be. Later changes see
 * what earlier ones did, also which app a domain now belongs to. Used inside one transaction.
 */
final class Batch implements AppEdit.DomainOwners {
    private final RouteTable table;
    private final Map<String, AppRoute> stored = new LinkedHashMap<>();
    /** By app: its route after the batch, or empty when the app goes. */
    private final Map<String, Optional<AppRoute>> next = new LinkedHashMap<>();
    private final List<Change> changes = new ArrayList<>();

    Batch(RouteTable table) {
        this.table = table;
    }

    /** The app's route as the changes planned so far leave it. */
    AppRoute working(String app) {
        AppRoute before = stored(app);
        return next.containsKey(app) ? next.get(app).orElse(AppRoute.empty(app)) : before;
    }

    AppRoute stored(String app) {
        return stored.computeIfAbsent(app, table::load);
    }

    void add(Change change, Change.Step step) {
        next.put(change.app, Optional.ofNullable(step.next()));
        changes.add(change);
    }

    boolean known(String app) {
        return table.known(app);
    }

    @Override
    public Optional<String> ownerOf(String domain) {
        for (Map.Entry<String, Optional<AppRoute>> app : next.entrySet()) {
            if (app.getValue().map(route -> route.domains().contains(domain)).orElse(false)) {
                return Optional.of(app.getKey());
            }
        }
        // An app of this batch that had the domain has let it go.
        return table.ownerOf(domain).filter(owner -> !next.containsKey(owner));
    }

    /** The changes that go live with this batch. */
    List<Change> changes() {
        return changes;
    }

    /** By app: its route after the batch, or empty when the app goes. */
    Map<String, Optional<AppRoute>> next() {
        return next;
    }
}
