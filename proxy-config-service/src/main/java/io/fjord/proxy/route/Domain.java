package io.fjord.proxy.route;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One of an app's own domains. The name is the key: a domain belongs to one app only. */
@Entity
@Table(name = "domain")
public class Domain extends PanacheEntityBase {

    @Id
    public String name;

    @Column(nullable = false)
    public String app;
}
