package io.fjord.deploy.release;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.fjord.deploy.app.App;
import io.fjord.events.ReleaseEvent;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "app_release")
public class Release extends PanacheEntityBase {
    /** Room for a reason in the column; longer ones are cut. */
    static final int REASON_LENGTH = 1000;
    /** Characters of output kept (a TEXT column holds 65 535 bytes). */
    static final int LOG_LENGTH = 16000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "app_id")
    public App app;

    @Column(nullable = false)
    public int version;

    @Column(name = "build_id")
    public Long buildId;

    @Column(name = "commit_sha")
    public String commit;

    /** The tag, as people know it: {@code fjord/<app>:<build>}. */
    @Column(nullable = false)
    public String image;

    /** The exact image the tag named when the build finished; containers run this one. */
    @Column(name = "image_id")
    public String imageId;

    /** The Procfile: process type to command. */
    @Convert(converter = ProcessesConverter.class)
    @Column(nullable = false)
    public Map<String, String> processes;

    @Column(nullable = false)
    public int port;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReleaseStatus status;

    /** The route generation announced for this release, once it is switching. */
    public Long generation;

    public String reason;

    /** The last lines of a failed container's output. */
    public String log;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReleaseKind kind = ReleaseKind.BUILD;

    /** The config vars it runs with ({@link io.fjord.deploy.config.ConfigVersion}); 0: none. */
    @Column(name = "config_version", nullable = false)
    public int configVersion;

    /** Who asked for it: the user the edge named, {@code build} for pushes. */
    public String actor;

    /** What it is, in words: "Deploy build 7", "Rollback to v3", "Set API_KEY". */
    public String description;

    /** Its image was pruned: it can no longer be rolled back to. */
    @Column(name = "image_removed", nullable = false)
    public boolean imageRemoved;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public void moveTo(ReleaseStatus target) {
        if (!status.canMoveTo(target)) {
            throw new IllegalStateException("release v" + version + " cannot go from " + status + " to " + target);
        }
        status = target;
        if (target == ReleaseStatus.LIVE || target == ReleaseStatus.FAILED || target == ReleaseStatus.SUPERSEDED) {
            finishedAt = now();
        }
    }

    public void fail(String why, String output) {
        settle(ReleaseStatus.FAILED, why);
        // The column holds 64 KiB; the end of the output says most.
        log = output == null || output.isEmpty() ? null
                : output.length() > LOG_LENGTH ? output.substring(output.length() - LOG_LENGTH) : output;
    }

    /** A newer build came while this one still waited for its turn. */
    public void supersede(String why) {
        settle(ReleaseStatus.SUPERSEDED, why);
    }

    private void settle(ReleaseStatus target, String why) {
        moveTo(target);
        reason = why.length() > REASON_LENGTH ? why.substring(0, REASON_LENGTH - 3) + "..." : why;
    }

    /** Whether a rollback may go back to it: it went live and its image is still kept. */
    public boolean rollbackable() {
        return (status == ReleaseStatus.LIVE || status == ReleaseStatus.RETIRED) && !imageRemoved;
    }

    /** The image reference to run: the id when known, so a re-tag cannot change what a release runs. */
    public String runnableImage() {
        return imageId != null && !imageId.isBlank() ? imageId : image;
    }

    /** The time as the database keeps it (milliseconds), so an answer shows what a later read shows. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    public ReleaseEvent event() {
        return new ReleaseEvent(app.name, version, buildId, image, reason);
    }
}
