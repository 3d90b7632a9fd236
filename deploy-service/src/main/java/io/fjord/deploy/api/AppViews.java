package io.fjord.deploy.api;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.fjord.deploy.app.App;
import io.fjord.deploy.release.DeployConfig;
import io.fjord.deploy.release.Release;
import io.fjord.deploy.release.ReleaseStatus;

/** Puts together what the API shows of apps: their live release and whether a deploy is under way. */
@ApplicationScoped
public class AppViews {
    private static final List<ReleaseStatus> IN_PROGRESS = List.of(ReleaseStatus.PENDING, ReleaseStatus.STARTING,
            ReleaseStatus.SWITCHING);

    private final String domain;

    AppViews(DeployConfig config) {
        this.domain = config.domain();
    }

    public AppView of(App app) {
        return views(List.of(app)).get(0);
    }

    /** In two queries whatever the number of apps. */
    public List<AppView> views(List<App> apps) {
        Map<Long, Integer> live = new HashMap<>();
        Set<Long> deploying = new HashSet<>();
        if (!apps.isEmpty()) {
            List<Long> ids = apps.stream().map(a -> a.id).toList();
            Release.<Release>list("app.id in ?1 and status = ?2", ids, ReleaseStatus.LIVE)
                    .forEach(r -> live.put(r.app.id, r.version));
            Release.<Release>list("app.id in ?1 and status in ?2", ids, IN_PROGRESS)
                    .forEach(r -> deploying.add(r.app.id));
        }
        return apps.stream().map(app -> new AppView(app.name,
                deploying.contains(app.id) ? "deploying" : live.containsKey(app.id) ? "live" : "new",
                live.get(app.id), "http://" + app.name + "." + domain + "/", app.createdAt)).toList();
    }
}
