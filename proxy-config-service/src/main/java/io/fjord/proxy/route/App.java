package io.fjord.proxy.route;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An app deploy-service created: this service's projection of {@code app.created} and
 * {@code app.destroyed}, so that its API answers 404 for apps that do not exist.
 */
@Entity
@Table(name = "app")
public class App extends PanacheEntityBase {

    @Id
    public String name;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
