package io.fjord.session.api;

import java.time.Instant;

import io.fjord.session.identity.ApiToken;

/** A token just made, with the one and only sight of its secret. */
public record CreatedTokenView(long id, String name, String scope, Instant createdAt, Instant expiresAt,
        String token) {

    static CreatedTokenView of(ApiToken token, String secret) {
        return new CreatedTokenView(token.id, token.name, token.scope, token.createdAt, token.expiresAt, secret);
    }

    /** Kept out of any log line that prints the view. */
    @Override
    public String toString() {
        return "CreatedTokenView[id=" + id + ", name=" + name + ", scope=" + scope + ", token=<secret>]";
    }
}
