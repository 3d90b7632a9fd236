package io.fjord.session.access;

/**
 * Who calls: a user logged in with a cookie or an API token, with its scope. {@code actor} names it for
 * the services and the audit ({@code user:<name>} or {@code token:<name>}); it never holds a credential.
 */
public record Principal(String actor, Scope scope) {

    public static Principal user(String name, Scope scope) {
        return new Principal("user:" + name, scope);
    }

    public static Principal token(String name, Scope scope) {
        return new Principal("token:" + name, scope);
    }
}
