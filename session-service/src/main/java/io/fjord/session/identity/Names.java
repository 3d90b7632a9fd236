package io.fjord.session.identity;

import java.util.regex.Pattern;

import io.fjord.platform.api.ApiException;

/**
 * Names of users and tokens. They travel in headers ({@code X-Fjord-Actor}) and the audit, so they are
 * plain: lowercase letters, digits, '.', '_' and '-', up to 64 characters.
 */
public final class Names {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private Names() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /** The name, or a 400 that says what a name may be. */
    public static String check(String field, String name) {
        if (!isValid(name)) {
            throw ApiException.badRequest(field + " must be 1 to 64 characters: lowercase letters, digits, '.', '_'"
                    + " or '-', starting with a letter or digit");
        }
        return name;
    }
}
