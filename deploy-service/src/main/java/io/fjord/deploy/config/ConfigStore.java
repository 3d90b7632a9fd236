package io.fjord.deploy.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fjord.deploy.app.App;
import io.fjord.deploy.release.Release;
import io.fjord.platform.bus.Outbox;
import io.quarkus.runtime.Startup;

/**
 * The apps' config vars: each change is a new encrypted {@link ConfigVersion}, and the app points at the
 * version in force. Values are only ever decrypted here, for the API's authorized caller and for the
 * containers' environment; they are never logged and never put in an event. Made at start, so a missing
 * or malformed FJORD_SECRET_KEY stops the service at once rather than at the first config change.
 */
@Startup
@ApplicationScoped
public class ConfigStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> VARS = new TypeReference<>() {
    };
    private static final TypeReference<TreeSet<String>> KEYS = new TypeReference<>() {
    };

    private final ConfigCipher cipher;
    private final Outbox outbox;

    ConfigStore(@ConfigProperty(name = "fjord.config.secret-key", defaultValue = "") String secretKey, Outbox outbox) {
        this.cipher = ConfigCipher.fromBase64(secretKey);
        this.outbox = outbox;
    }

    /** The vars of a version of the app's config; version 0 is the empty set. */
    @Transactional(TxType.MANDATORY)
    public Map<String, String> vars(App app, int version) {
        if (version == 0) {
            return new TreeMap<>();
        }
        ConfigVersion row = ConfigVersion.<ConfigVersion>find("app = ?1 and version = ?2", app, version).firstResult();
        if (row == null) {
            throw new IllegalStateException("config version " + version + " of " + app.name + " is missing");
        }
        return read(cipher.decrypt(row.data, associated(app.name, version)));
    }

    /** The vars in force. */
    @Transactional(TxType.MANDATORY)
    public Map<String, String> current(App app) {
        return vars(app, app.configVersion);
    }

    /**
     * Stores {@code vars} as the app's next config version, makes it the one in force and announces the
     * changed key names; the caller's transaction has locked the app. Returns the new version.
     */
    @Transactional(TxType.MANDATORY)
    public int store(App app, Map<String, String> vars, Set<String> changed, String actor) {
        Integer max = ConfigVersion.getEntityManager()
                .createQuery("select max(c.version) from ConfigVersion c where c.app = :app", Integer.class)
                .setParameter("app", app).getSingleResult();
        ConfigVersion row = new ConfigVersion();
        row.app = app;
        row.version = max == null ? 1 : max + 1;
        row.data = cipher.encrypt(write(vars), associated(app.name, row.version));
        row.actor = actor;
        row.createdAt = Release.now();
        row.persist();
        app.configVersion = row.version;
        // A build-time flag goes with its var.
        Set<String> buildTime = buildTimeKeys(app);
        if (buildTime.retainAll(vars.keySet())) {
            setBuildTimeKeys(app, buildTime);
        }
        outbox.emit(ConfigChanged.ROUTING_KEY, app.name, new ConfigChanged(app.name, row.version, new ArrayList<>(changed)));
        return row.version;
    }

    /** The vars build-service may pass to builds: those flagged build-time. */
    @Transactional(TxType.MANDATORY)
    public Map<String, String> buildTimeVars(App app) {
        Map<String, String> vars = current(app);
        vars.keySet().retainAll(buildTimeKeys(app));
        return vars;
    }

    public Set<String> buildTimeKeys(App app) {
        if (app.buildTimeKeys == null) {
            return new TreeSet<>();
        }
        try {
            return JSON.readValue(app.buildTimeKeys, KEYS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void setBuildTimeKeys(App app, Set<String> keys) {
        app.buildTimeKeys = keys.isEmpty() ? null : write(new TreeSet<>(keys));
    }

    @Transactional(TxType.MANDATORY)
    public void deleteAll(App app) {
        ConfigVersion.delete("app", app);
    }

    private static String associated(String app, int version) {
        return "fjord-config:" + app + ":" + version;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> read(String json) {
        try {
            return JSON.readValue(json, VARS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
