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

/** A user of the platform; {@code passwordHash} is null for the install-time admin, who has a token only. */
@Entity
@Table(name = "platform_user")
public class PlatformUser extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String name;

    @Column(name = "password_hash")
    public String passwordHash;

    @Column(nullable = false)
    public String scope;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    public static Optional<PlatformUser> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    public Principal principal() {
        return Principal.user(name, Scope.parse(scope));
    }
}
