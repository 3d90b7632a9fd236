package io.fjord.session.identity;

import java.nio.file.Path;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The platform's users, tokens and browser logins. */
@ConfigMapping(prefix = "fjord.identity")
public interface IdentityConfig {

    /**
     * The admin's first token, written by install.sh (mode 0600) before the services start; registered
     * (as its hash) when the service starts with no user at all.
     */
    @WithDefault("/var/lib/fjord/admin.token")
    Path bootstrapTokenFile();

    /** Prefix of the Redis keys of logins and login throttling; tests use their own. */
    @WithDefault("fjord:identity:")
    String redisPrefix();

    /** A browser login ends after this long without a request. */
    @WithDefault("8h")
    Duration loginIdleTimeout();

    /** PBKDF2-HMAC-SHA256 rounds for new password hashes (OWASP's 2023 advice: 600 000). */
    @WithDefault("600000")
    int passwordIterations();

    Throttle throttle();

    /** Failed logins, counted per user name and per client address. */
    interface Throttle {

        /** After this many failures in a row, logins are refused for a while. */
        @WithDefault("5")
        int maxFailures();

        /** The first lock; each further failure doubles it. */
        @WithDefault("30s")
        Duration firstLock();

        @WithDefault("1h")
        Duration maxLock();

        /** Failures are forgotten after this long without another one. */
        @WithDefault("24h")
        Duration memory();
    }
}
