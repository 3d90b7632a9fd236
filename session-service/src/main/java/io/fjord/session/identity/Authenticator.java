package io.fjord.session.identity;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.fjord.session.access.Principal;

/**
 * Who is calling, from the request's credentials: an {@code Authorization: Bearer} token when the
 * request has that header (a bad one is not made good by a cookie), else the login cookie.
 */
@ApplicationScoped
public class Authenticator {
    private static final Pattern BEARER = Pattern.compile("(?i:bearer) +(\\S+) *");

    private final ApiTokens tokens;
    private final Logins logins;

    Authenticator(ApiTokens tokens, Logins logins) {
        this.tokens = tokens;
        this.logins = logins;
    }

    public Optional<Principal> authenticate(String authorization, String loginCookie) {
        if (authorization != null) {
            return bearerToken(authorization).flatMap(tokens::authenticate);
        }
        return loginCookie == null ? Optional.empty() : logins.principal(loginCookie);
    }

    /** The token of an {@code Authorization: Bearer <token>} header. */
    static Optional<String> bearerToken(String authorization) {
        Matcher bearer = BEARER.matcher(authorization);
        return bearer.matches() ? Optional.of(bearer.group(1)) : Optional.empty();
    }
}
