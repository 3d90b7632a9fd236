package io.fjord.session.apps;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.fjord.platform.api.ApiException;
import io.fjord.session.redis.RedisAcl;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Every app gets a Redis ACL user of its own when it is created, limited to the keys under its prefix,
 * and loses it when it is destroyed. deploy-service asks for an app's credentials when it makes a
 * release; they never travel on the bus.
 */
@ApplicationScoped
public class AppRedisUsers {
    private static final Logger LOG = Logger.getLogger(AppRedisUsers.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedisAcl acl;
    private final AppRedisConfig config;

    AppRedisUsers(RedisAcl acl, AppRedisConfig config) {
        this.acl = acl;
        this.config = config;
    }

    /** Makes the app's user, or sets it again as it should be (a redelivered event changes nothing). */
    @Transactional
    public void created(String app) {
        AppRedisUser user = AppRedisUser.findById(app);
        if (user == null) {
            user = new AppRedisUser();
            user.app = app;
            user.salt = newSalt();
            user.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            user.persist();
        }
        if (config.secret().isEmpty()) {
            LOG.warnf("app %s gets its Redis user at the first start of session-service with FJORD_REDIS_APP_SECRET",
                    app);
            return;
        }
        acl.setUser(username(app), password(user), keyPrefix(app));
        acl.save();
    }

    @Transactional
    public void destroyed(String app) {
        AppRedisUser.deleteById(app);
        acl.deleteUser(username(app));
        acl.save();
    }

    /**
     * {@code REDIS_URL} and {@code SESSION_KEY_PREFIX} of the app; empty when it has no Redis user; a 503
     * while the master secret is missing.
     */
    public Optional<AppRedisCredentials> credentials(String app) {
        if (config.secret().isEmpty()) {
            throw new ApiException(503, "apps' Redis users are not set up: FJORD_REDIS_APP_SECRET is missing");
        }
        return AppRedisUser.<AppRedisUser>findByIdOptional(app).map(user -> new AppRedisCredentials(
                "redis://" + username(app) + ":" + password(user) + "@" + config.host() + ":" + config.port() + "/0",
                keyPrefix(app)));
    }

    /**
     * Puts every app's user back as it should be: after a restart of a Redis without an ACL file, or
     * after the master secret changed, or made by a start without it. A master secret that is too short
     * stops the start; Redis being down does not.
     */
    void restore(@Observes StartupEvent ignored) {
        if (config.secret().isEmpty()) {
            LOG.error("FJORD_REDIS_APP_SECRET is missing: apps get no Redis users (and no REDIS_URL) until it is set"
                    + " and session-service restarts");
            return;
        }
        AppRedisPasswords.checkSecret(config.secret().get());
        List<AppRedisUser> users = QuarkusTransaction.requiringNew().call(() -> AppRedisUser.<AppRedisUser>listAll());
        if (users.isEmpty()) {
            return;
        }
        try {
            for (AppRedisUser user : users) {
                acl.setUser(username(user.app), password(user), keyPrefix(user.app));
            }
            acl.save();
            LOG.infof("the Redis users of %d apps are in place", users.size());
        } catch (RuntimeException e) {
            LOG.errorf("could not put the apps' Redis users in place (%s); the next start tries again",
                    e.getMessage());
        }
    }

    private String username(String app) {
        return config.userPrefix() + app;
    }

    private String keyPrefix(String app) {
        return config.keyPrefix() + app + ":";
    }

    private String password(AppRedisUser user) {
        return AppRedisPasswords.password(config.secret().orElseThrow(), user.app, user.salt);
    }

    private static String newSalt() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return HexFormat.of().formatHex(salt);
    }
}
