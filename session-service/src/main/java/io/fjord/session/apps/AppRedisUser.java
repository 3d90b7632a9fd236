package io.fjord.session.apps;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An app with a Redis ACL user. The salt is not secret; with the master secret it makes the password. */
@Entity
@Table(name = "app_redis_user")
public class AppRedisUser extends PanacheEntityBase {

    @Id
    public String app;

    @Column(nullable = false)
    public String salt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
