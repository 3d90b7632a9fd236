package io.fjord.session.access;

import io.fjord.platform.api.ApiException;

/**
 * What a token or user may do: {@code admin} (everything), {@code sessions} (the session store, for
 * apps), {@code app:<app>:deployer} (read and change one app, its builds included) or
 * {@code app:<app>:read} (read one app). The text form is what the API takes and what the edge passes on
 * in {@code X-Fjord-Role}.
 *
 * @param app the app of an app role, null otherwise
 */
public record Scope(Kind kind, String app) {

    public enum Kind {
        ADMIN, SESSIONS, DEPLOYER, READ
    }

    public static final Scope ADMIN = new Scope(Kind.ADMIN, null);
    public static final Scope SESSIONS = new Scope(Kind.SESSIONS, null);

    public Scope {
        if ((kind == Kind.DEPLOYER || kind == Kind.READ) != AppNames.isValid(app)) {
            throw new IllegalArgumentException("an app role needs a valid app name, other scopes none");
        }
    }

    /** Parses the text form; anything else is a 400 that lists the forms. */
    public static Scope parse(String text) {
        if ("admin".equals(text)) {
            return ADMIN;
        }
        if ("sessions".equals(text)) {
            return SESSIONS;
        }
        String[] parts = text == null ? new String[0] : text.split(":", -1);
        if (parts.length == 3 && parts[0].equals("app") && AppNames.isValid(parts[1])) {
            if (parts[2].equals("deployer")) {
                return new Scope(Kind.DEPLOYER, parts[1]);
            }
            if (parts[2].equals("read")) {
                return new Scope(Kind.READ, parts[1]);
            }
        }
        throw ApiException.badRequest(
                "scope must be one of admin, sessions, app:<app>:deployer, app:<app>:read (app: ^[a-z][a-z0-9-]{1,29}$)");
    }

    /** A role on one app, deployer or read. */
    public boolean isAppRole() {
        return app != null;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ADMIN -> "admin";
            case SESSIONS -> "sessions";
            case DEPLOYER -> "app:" + app + ":deployer";
            case READ -> "app:" + app + ":read";
        };
    }
}
