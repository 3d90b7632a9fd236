package io.fjord.session.access;

import java.util.Optional;

import io.fjord.platform.api.ApiException;

/**
 * What a token or user may do: {@code admin} (everything), {@code sessions} (the platform-wide session
 * store), {@code app:<app>:sessions} (the session store of one app: its own sessions, apart from every
 * other app's), {@code app:<app>:deployer} (read and change one app, its builds included) or
 * {@code app:<app>:read} (read one app). The text form is what the API takes and what the edge passes on
 * in {@code X-Fjord-Role}.
 *
 * @param app the app of an app role, null otherwise
 */
public record Scope(Kind kind, String app) {

    public enum Kind {
        ADMIN, SESSIONS, APP_SESSIONS, DEPLOYER, READ
    }

    public static final Scope ADMIN = new Scope(Kind.ADMIN, null);
    public static final Scope SESSIONS = new Scope(Kind.SESSIONS, null);

    public Scope {
        if ((kind == Kind.DEPLOYER || kind == Kind.READ || kind == Kind.APP_SESSIONS) != AppNames.isValid(app)) {
            throw new IllegalArgumentException("a scope on one app needs a valid app name, other scopes none");
        }
    }

    /** Parses the text form; anything else is a 400 that lists the forms. */
    public static Scope parse(String text) {
        return of(text).orElseThrow(() -> ApiException.badRequest("scope must be one of admin, sessions,"
                + " app:<app>:deployer, app:<app>:read, app:<app>:sessions (app: ^[a-z][a-z0-9-]{1,29}$)"));
    }

    /** The scope of a text form; empty for anything else (null included). */
    public static Optional<Scope> of(String text) {
        if ("admin".equals(text)) {
            return Optional.of(ADMIN);
        }
        if ("sessions".equals(text)) {
            return Optional.of(SESSIONS);
        }
        String[] parts = text == null ? new String[0] : text.split(":", -1);
        if (parts.length == 3 && parts[0].equals("app") && AppNames.isValid(parts[1])) {
            Kind kind = switch (parts[2]) {
                case "deployer" -> Kind.DEPLOYER;
                case "read" -> Kind.READ;
                case "sessions" -> Kind.APP_SESSIONS;
                default -> null;
            };
            if (kind != null) {
                return Optional.of(new Scope(kind, parts[1]));
            }
        }
        return Optional.empty();
    }

    /** A role on one app, deployer or read; an app's sessions scope is not one. */
    public boolean isAppRole() {
        return kind == Kind.DEPLOYER || kind == Kind.READ;
    }

    /** Whether the scope opens a session store: the platform's, or one app's. */
    public boolean isSessions() {
        return kind == Kind.SESSIONS || kind == Kind.APP_SESSIONS;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ADMIN -> "admin";
            case SESSIONS -> "sessions";
            case DEPLOYER -> "app:" + app + ":deployer";
            case READ -> "app:" + app + ":read";
            case APP_SESSIONS -> "app:" + app + ":sessions";
        };
    }
}
