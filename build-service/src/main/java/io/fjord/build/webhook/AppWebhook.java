package io.fjord.build.webhook;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An app's webhook settings; secret, deployKey and token hold {@link io.fjord.build.secrets.SecretBox} ciphertext. */
@Entity
@Table(name = "app_webhook")
public class AppWebhook extends PanacheEntityBase {

    @Id
    @Column(length = 30)
    public String app;

    @Column(nullable = false)
    public String branch;

    @Column(nullable = false, columnDefinition = "TEXT")
    public String secret;

    /** Fetch from here instead of the URL the payload names. */
    @Column(name = "repository_url", length = 2048)
    public String repositoryUrl;

    @Column(name = "deploy_key", columnDefinition = "MEDIUMTEXT")
    public String deployKey;

    @Column(columnDefinition = "TEXT")
    public String token;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
