package io.fjord.proxy.route;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.fjord.proxy.route.AppRoute.Source;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * What is known about the certificate served for a domain. The chain and the key are files of the nginx
 * tree (the key readable by root only) and never enter the database.
 */
@Entity
@Table(name = "certificate")
public class TlsCertificate extends PanacheEntityBase {

    @Id
    public String domain;

    @Column(nullable = false)
    public String app;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Source source;

    @Column(name = "not_after", nullable = false)
    public Instant notAfter;

    @Column(nullable = false)
    public String fingerprint;

    @Column(nullable = false)
    public String issuer;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
