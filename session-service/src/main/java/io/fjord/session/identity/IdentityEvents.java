package io.fjord.session.identity;

/**
 * The events session-service emits about identity changes, so the audit records them like every other
 * change. Their data never holds a token or a password. (Candidates for fjord-events' RoutingKeys.)
 */
public final class IdentityEvents {
    public static final String TOKEN_CREATED = "token.created";
    public static final String TOKEN_REVOKED = "token.revoked";
    public static final String USER_CREATED = "user.created";
    public static final String USER_DELETED = "user.deleted";

    private IdentityEvents() {
    }

    /** {@code expiresAt} is ISO-8601, null when the token does not expire. */
    public record TokenCreated(long id, String name, String scope, String expiresAt) {
    }

    public record TokenRevoked(long id, String name, String scope) {
    }

    public record UserCreated(long id, String name, String scope) {
    }

    public record UserDeleted(long id, String name, String scope) {
    }
}
