package io.fjord.deploy.config;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.fjord.deploy.app.App;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One version of an app's config vars: the whole set, encrypted. */
@Entity
@Table(name = "config_version")
public class ConfigVersion extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "app_id")
    public App app;

    @Column(nullable = false)
    public int version;

    /** {@link ConfigCipher} output of the vars as a JSON object. */
    @Column(nullable = false)
    public String data;

    public String actor;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
