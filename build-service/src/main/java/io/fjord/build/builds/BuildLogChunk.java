package io.fjord.build.builds;

import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A piece of a build's log, stored as the build runs so the log outlives the process. */
@Entity
@Table(name = "build_log_chunk")
public class BuildLogChunk extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "build_id", nullable = false)
    public long buildId;

    @Column(nullable = false, columnDefinition = "MEDIUMTEXT")
    public String text;

    public static void append(long buildId, String text) {
        BuildLogChunk chunk = new BuildLogChunk();
        chunk.buildId = buildId;
        chunk.text = text;
        chunk.persist();
    }

    public static String textOf(long buildId) {
        return BuildLogChunk.<BuildLogChunk>find("buildId = ?1 order by seq", buildId).stream()
                .map(chunk -> chunk.text).collect(Collectors.joining());
    }
}
