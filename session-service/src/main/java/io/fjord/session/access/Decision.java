package io.fjord.session.access;

/** The edge's answer for one API call, with the status nginx's auth_request understands. */
public enum Decision {
    /** Pass the call on. */
    ALLOW(204),
    /** No credential, or one that is unknown, expired or revoked. */
    UNAUTHENTICATED(401),
    /** A valid credential whose scope does not cover the call. */
    FORBIDDEN(403);

    private final int status;

    Decision(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
