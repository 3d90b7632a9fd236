package io.fjord.session.api;

import java.time.Instant;

import io.fjord.session.identity.ApiToken;

/** An API token in a list: never its secret, which is not kept. */
public record TokenView(long id, String name, String scope, Instant createdAt, String createdBy, Instant expiresAt) {

    static TokenView of(ApiToken token) {
        return new TokenView(token.id, token.name, token.scope, token.createdAt, token.createdBy, token.expiresAt);
    }
}
