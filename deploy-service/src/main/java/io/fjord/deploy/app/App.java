package io.fjord.deploy.app;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "app")
public class App extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true, length = 30)
    public String name;

    /** Bumped with every routes.changed, so the proxy's answer can be matched and stale ones ignored. */
    @Column(name = "route_generation", nullable = false)
    public long routeGeneration;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The version of the config vars in force; 0 while none is set. */
    @Column(name = "config_version", nullable = false)
    public int configVersion;

    /** Process type to number of containers; null until scaled: one web container. */
    @Convert(converter = FormationConverter.class)
    public Map<String, Integer> formation;

    /** Health checks set through the API, in app.json's {@code healthchecks} shape; null: app.json's or the default. */
    public String healthchecks;

    /** Names of config vars that builds may read (JSON list). */
    @Column(name = "build_time_keys")
    public String buildTimeKeys;

    /** The app's own limits and timeouts; null: the platform's default. */
    @Column(name = "memory_bytes")
    public Long memoryBytes;

    @Column(name = "nano_cpus")
    public Long nanoCpus;

    /** Capabilities given back to the app's containers, comma-separated, from {@link AppSettings#CAPABILITIES}. */
    @Column(name = "cap_add")
    public String capAdd;

    @Column(name = "drain_seconds")
    public Integer drainSeconds;

    @Column(name = "stop_seconds")
    public Integer stopSeconds;

    /** The web upstreams last announced to the proxy (JSON), to see when they changed. */
    public String routes;

    public static App byName(String name) {
        return find("name", name).firstResult();
    }

    /**
     * Loads the app and locks its row until the transaction ends. Every transaction that changes an
     * app's releases or routes takes this lock first, so one app's state changes happen one at a time.
     * Call it before the app is loaded otherwise in the transaction, or its state may be stale.
     */
    public static App lock(String name) {
        // Plain SQL: the MySQL dialect writes "FOR UPDATE OF <alias>", which MariaDB does not parse.
        Object id = getEntityManager().createNativeQuery("SELECT id FROM app WHERE name = :name FOR UPDATE")
                .setParameter("name", name)
                .getResultStream().findFirst().orElse(null);
        return id == null ? null : findById(((Number) id).longValue());
    }
}
