package io.fjord.proxy.route;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/**
 * What the edge serves for one app: the last change nginx accepted. The table leads: on start every app
 * file is rendered again from it. The app's domains and certificates are rows of their own tables.
 */
@Entity
@Table(name = "route")
public class Route extends PanacheEntityBase {

    @Id
    public String app;

    /** The {@code routes.changed} generation this row holds; older changes are ignored. */
    @Column(nullable = false)
    public long generation;

    @Convert(converter = UpstreamsConverter.class)
    @Column(nullable = false)
    public List<Upstream> upstreams;

    /** Every request answers the maintenance page. */
    @Column(nullable = false)
    public boolean maintenance;

    /** The largest request body (nginx size syntax); null for the platform's default. */
    @Column(name = "max_body_size")
    public String maxBodySize;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static List<Route> listByApp() {
        return listAll(Sort.by("app"));
    }
}
