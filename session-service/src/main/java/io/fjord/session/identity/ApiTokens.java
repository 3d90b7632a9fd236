package io.fjord.session.identity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import io.fjord.platform.api.ApiException;
import io.fjord.platform.bus.Outbox;
import io.fjord.session.access.Principal;
import io.fjord.session.access.Scope;

/**
 * API tokens: made (the token is returned once and only its hash kept), listed, revoked, and checked
 * on every API call. The check reads the database each time, so a revocation holds from the next call.
 */
@ApplicationScoped
public class ApiTokens {
    private final Outbox outbox;

    ApiTokens(Outbox outbox) {
        this.outbox = outbox;
    }

    /** A new token and the one time its secret is seen. */
    public record Created(ApiToken token, String secret) {
    }

    @Transactional
    public Created create(String name, Scope scope, Instant expiresAt, String createdBy) {
        String secret = TokenSecrets.newToken();
        return new Created(register(secret, name, scope, expiresAt, createdBy), secret);
    }

    /** Stores the hash of {@code secret} as a token; runs inside the caller's transaction. */
    ApiToken register(String secret, String name, Scope scope, Instant expiresAt, String createdBy) {
        if (ApiToken.count("name = ?1 and revokedAt is null", name) > 0) {
            throw taken(name);
        }
        ApiToken token = new ApiToken();
        token.name = name;
        token.tokenHash = TokenSecrets.hash(secret);
        token.scope = scope.toString();
        token.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        token.createdBy = createdBy;
        token.expiresAt = expiresAt;
        try {
            token.persistAndFlush();
        } catch (PersistenceException e) {
            throw taken(name); // made at the same moment by another request
        }
        outbox.emit(IdentityEvents.TOKEN_CREATED, scope.app(), new IdentityEvents.TokenCreated(token.id, name,
                token.scope, expiresAt == null ? null : expiresAt.toString()));
        return token;
    }

    /** Tokens that are not revoked, expired ones included (they still hold their name), oldest first. */
    public List<ApiToken> listActive() {
        return ApiToken.list("revokedAt is null order by id");
    }

    /** Revokes the token: from this commit on, no call with it passes the edge. */
    @Transactional
    public void revoke(long id, String revokedBy) {
        int revoked = ApiToken.update("revokedAt = ?1, revokedBy = ?2 where id = ?3 and revokedAt is null",
                Instant.now().truncatedTo(ChronoUnit.MILLIS), revokedBy, id);
        if (revoked == 0) {
            throw ApiException.notFound("no such token; it may have been revoked already");
        }
        ApiToken token = ApiToken.findById(id);
        outbox.emit(IdentityEvents.TOKEN_REVOKED, Scope.parse(token.scope).app(),
                new IdentityEvents.TokenRevoked(id, token.name, token.scope));
    }

    /** Who a presented token belongs to, if it is one of ours and neither revoked nor expired. */
    public Optional<Principal> authenticate(String presented) {
        if (!TokenSecrets.hasForm(presented)) {
            return Optional.empty();
        }
        return ApiToken.usable(TokenSecrets.hash(presented), Instant.now()).map(ApiToken::principal);
    }

    private static ApiException taken(String name) {
        return ApiException.conflict("a token named '" + name + "' exists; revoke it first or choose another name");
    }
}
