package io.fjord.session.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.fjord.platform.api.ApiException;

/** The limits of a session: which ttls are allowed, and how large a stored session may be. */
@ApplicationScoped
public class SessionPolicy {
    static final long MIN_TTL = 1;
    /** Enough for an email address or a UUID with a tenant in front. */
    static final int MAX_USER_ID = 256;

    private final long defaultTtl;
    private final long maxTtl;
    private final long maxBytes;

    @Inject
    SessionPolicy(SessionConfig config) {
        this(config.defaultTtl().toSeconds(), config.maxTtl().toSeconds(), config.maxSize().asLongValue());
    }

    SessionPolicy(long defaultTtl, long maxTtl, long maxBytes) {
        if (defaultTtl < MIN_TTL || defaultTtl > maxTtl) {
            throw new IllegalArgumentException("the default ttl must lie between 1 s and the maximum ttl");
        }
        this.defaultTtl = defaultTtl;
        this.maxTtl = maxTtl;
        this.maxBytes = maxBytes;
    }

    /**
     * The ttl in seconds that a request asks for, or the default when it names none ({@code null} or
     * absent). Only a whole number of seconds within the bounds passes: "60", 1.5 or -1 do not.
     */
    public long ttl(JsonNode ttl) {
        if (ttl == null || ttl.isNull()) {
            return defaultTtl;
        }
        if (!ttl.isIntegralNumber()) {
            throw ApiException.badRequest("ttl must be a whole number of seconds");
        }
        if (!ttl.canConvertToLong() || ttl.longValue() < MIN_TTL || ttl.longValue() > maxTtl) {
            throw ApiException.badRequest("ttl must lie between " + MIN_TTL + " and " + maxTtl + " seconds");
        }
        return ttl.longValue();
    }

    /**
     * A user id as an app names its users: 1 to 256 characters, none of them a control character, so
     * that it can be echoed in a log line or a header without harm.
     */
    public String userId(String userId) {
        if (userId.isEmpty() || userId.length() > MAX_USER_ID) {
            throw ApiException.badRequest("userId must have 1 to " + MAX_USER_ID + " characters");
        }
        if (userId.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("userId must not contain control characters");
        }
        return userId;
    }

    /** Refuses a session whose stored form is larger than the limit. */
    public void checkSize(long storedBytes) {
        if (storedBytes > maxBytes) {
            throw new ApiException(413, "the session is larger than the limit of " + maxBytes + " bytes");
        }
    }
}
