package io.fjord.session.identity;

import io.fjord.platform.api.ApiException;

/** Too many failed logins for this user name or from this address: try again after {@code retryAfter} s. */
public class LoginLocked extends ApiException {
    private final long retryAfter;

    public LoginLocked(long retryAfter) {
        super(429, "too many failed logins; try again in " + retryAfter + " s");
        this.retryAfter = retryAfter;
    }

    public long retryAfter() {
        return retryAfter;
    }
}
