package io.fjord.session.store;

/** The policy the shipped configuration makes, for unit tests outside this package. */
public final class SessionPolicyFixture {

    private SessionPolicyFixture() {
    }

    public static SessionPolicy standard() {
        return new SessionPolicy(1800, 30 * 86_400, 65_536);
    }
}
