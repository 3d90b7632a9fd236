package io.fjord.build.builds;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One image build of an app: {@code queued}, {@code building}, then {@code succeeded} with an image, or
 * {@code failed} / {@code cancelled} with the reason in {@link #error}.
 */
@Entity
@Table(name = "build")
public class Build extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 30)
    public String app;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public BuildStatus status;

    /** The source's commit when the uploader named one (the git hook always does). */
    @Column(name = "commit_sha", length = 64)
    public String commit;

    /** The tag, {@code fjord/<app>:<id>}, once the image exists. */
    public String image;

    @Column(name = "image_id")
    public String imageId;

    @Column(name = "exposed_port")
    public Integer exposedPort;

    /** The Procfile's process types and commands; empty when the source has none. */
    @Convert(converter = ProcessesConverter.class)
    @Column(columnDefinition = "TEXT")
    public Map<String, String> processes;

    @Column(columnDefinition = "TEXT")
    public String error;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When a builder picked it up; null while queued. */
    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public static List<Build> newestOf(String app, int limit) {
        return find("app = ?1 order by id desc", app).page(0, limit).list();
    }
}
