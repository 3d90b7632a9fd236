package io.fjord.session.identity;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.fjord.session.access.Principal;
import io.fjord.session.access.Scope;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An API token as stored: its hash, never the token. A revoked token keeps its row for the audit. */
@Entity
@Table(name = "api_token")
public class ApiToken extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String name;

    @Column(name = "token_hash", nullable = false, unique = true)
    public String tokenHash;

    @Column(nullable = false)
    public String scope;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoked_by")
    public String revokedBy;

    /** The token of this hash if it can be used at {@code now}: not revoked, not expired. */
    public static Optional<ApiToken> usable(String tokenHash, Instant now) {
        return ApiToken.<ApiToken>find("tokenHash = ?1 and revokedAt is null", tokenHash).firstResultOptional()
                .filter(token -> token.expiresAt == null || token.expiresAt.isAfter(now));
    }

    public static Optional<ApiToken> active(long id) {
        return find("id = ?1 and revokedAt is null", id).firstResultOptional();
    }

    public Principal principal() {
        return Principal.token(name, Scope.parse(scope));
    }
}
