package io.fjord.session.access;

import java.util.regex.Pattern;

/** The platform's app names ({@code ^[a-z][a-z0-9-]{1,29}$}), as deploy-service validates them. */
public final class AppNames {
    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9-]{1,29}");

    private AppNames() {
    }

    public static boolean isValid(String app) {
        return app != null && VALID.matcher(app).matches();
    }
}
