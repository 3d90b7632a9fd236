package io.fjord.deploy.config;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

import io.fjord.deploy.app.App;
import io.fjord.deploy.app.Apps;
import io.fjord.deploy.release.AfterCommit;
import io.fjord.deploy.release.DeployLanes;
import io.fjord.deploy.release.Releases;
import io.fjord.platform.api.ApiException;

/**
 * Changes of an app's config vars: a new config version, and when a release is live, a new release of
 * the live image with it, rolled out with the same switch as a deploy.
 */
@ApplicationScoped
public class ConfigChanges {
    private final ConfigStore store;
    private final Releases releases;
    private final DeployLanes lanes;
    private final AfterCommit afterCommit;

    ConfigChanges(ConfigStore store, Releases releases, DeployLanes lanes, AfterCommit afterCommit) {
        this.store = store;
        this.releases = releases;
        this.lanes = lanes;
        this.afterCommit = afterCommit;
    }

    @Transactional
    public Map<String, String> current(String name) {
        return store.current(Apps.lock(name));
    }

    /** Applies {@code {"KEY": "value", "OLD": null}}; returns the vars now in force. */
    @Transactional
    public Map<String, String> patch(String name, JsonNode patch, String actor) {
        App app = Apps.lock(name);
        ConfigVars.Merge merge = ConfigVars.merge(store.current(app), patch);
        if (merge.changesNothing()) {
            return merge.vars();
        }
        store.store(app, merge.vars(), merge.changed(), actor);
        releases.configChanged(app, describe(merge), actor).ifPresent(release -> {
            long id = release.id;
            afterCommit.run(() -> lanes.enqueue(name, id));
        });
        return merge.vars();
    }

    @Transactional
    public Set<String> buildTimeKeys(String name) {
        return store.buildTimeKeys(Apps.lock(name));
    }

    /** {@code {"NPM_TOKEN": true, "OTHER": false}}: which set vars builds may read. */
    @Transactional
    public Set<String> flagBuildTime(String name, JsonNode flags) {
        App app = Apps.lock(name);
        if (flags == null || !flags.isObject() || flags.isEmpty()) {
            throw ApiException.badRequest("a JSON object such as {\"NPM_TOKEN\": true} is required");
        }
        Set<String> set = store.current(app).keySet();
        Set<String> keys = new TreeSet<>(store.buildTimeKeys(app));
        for (Iterator<Map.Entry<String, JsonNode>> fields = flags.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            ConfigVars.checkKey(field.getKey());
            if (!set.contains(field.getKey())) {
                throw ApiException.badRequest("config var " + field.getKey() + " is not set");
            }
            if (!field.getValue().isBoolean()) {
                throw ApiException.badRequest("the flag of " + field.getKey() + " must be true or false");
            }
            if (field.getValue().asBoolean()) {
                keys.add(field.getKey());
            } else {
                keys.remove(field.getKey());
            }
        }
        store.setBuildTimeKeys(app, keys);
        return keys;
    }

    /** The build-time vars, for build-service. */
    @Transactional
    public Map<String, String> buildTimeVars(String name) {
        return store.buildTimeVars(Apps.lock(name));
    }

    /** "Set A, B; remove C": key names only. */
    static String describe(ConfigVars.Merge merge) {
        Set<String> set = new TreeSet<>();
        Set<String> removed = new TreeSet<>();
        merge.changed().forEach(key -> (merge.vars().containsKey(key) ? set : removed).add(key));
        String text = set.isEmpty() ? "" : "Set " + String.join(", ", set);
        if (!removed.isEmpty()) {
            text += (text.isEmpty() ? "Remove " : "; remove ") + String.join(", ", removed);
        }
        return text;
    }
}
