package io.fjord.build.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.github.dockerjava.api.DockerClient;

import io.fjord.build.builds.BuildConfig;
import io.fjord.build.git.GitConfig;
import io.fjord.build.testing.Tarball;
import io.fjord.build.testing.TestApps;
import io.fjord.events.RoutingKeys;
import io.fjord.platform.bus.testing.TestBus;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The hostile archive corpus against the upload API: every archive is refused with 400 and its reason,
 * no build is recorded, and nothing is left in the work folder or written beside it.
 */
@QuarkusTest
class HostileArchiveTest {
    static TestApps apps;
    static TestBus bus;

    @Inject
    BuildConfig builds;
    @Inject
    GitConfig git;
    @Inject
    DockerClient docker;

    @AfterAll
    static void cleanUp() throws Exception {
        if (apps != null) {
            apps.close();
            bus.close();
        }
    }

    private static Tarball app() {
        return Tarball.create().file("Dockerfile", "FROM scratch\n");
    }

    /** A tar.gz of one file of zeros: about a thousandth of its size once compressed. */
    private static byte[] bomb(long size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            TarArchiveEntry dockerfile = new TarArchiveEntry("Dockerfile");
            byte[] text = "FROM scratch\n".getBytes(StandardCharsets.UTF_8);
            dockerfile.setSize(text.length);
            tar.putArchiveEntry(dockerfile);
            tar.write(text);
            tar.closeArchiveEntry();
            TarArchiveEntry zeros = new TarArchiveEntry("zeros");
            zeros.setSize(size);
            tar.putArchiveEntry(zeros);
            byte[] chunk = new byte[1024 * 1024];
            for (long written = 0; written < size; written += chunk.length) {
                tar.write(chunk, 0, (int) Math.min(chunk.length, size - written));
            }
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] plainTar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry entry = new TarArchiveEntry("Dockerfile");
            entry.setSize(0);
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void everyHostileArchiveIsRefusedAndLeavesNothingBehind() throws Exception {
        bus = TestBus.watching(RoutingKeys.BUILD_FAILED);
        apps = new TestApps(bus, git.root(), docker);
        String app = apps.create("ha");
        Path workDir = builds.workDir().toAbsolutePath();
        long limit = builds.maxExpandedSize().asLongValue();

        Map<String, byte[]> corpus = new LinkedHashMap<>();
        corpus.put("'..' would leave the archive's folder", app().file("../evil", "x").gzip());
        corpus.put("unsafe archive entry 'www/../../evil'", app().file("www/../../evil", "x").gzip());
        corpus.put("absolute paths are not allowed", app().file("/tmp/fjord-hostile-evil", "x").gzip());
        corpus.put("symbolic link points to an absolute path", app().symlink("etc", "/etc").gzip());
        corpus.put("symbolic link points outside the archive", app().symlink("up", "../../..").gzip());
        corpus.put("it lies below a symbolic link", app().symlink("out", "www").file("out/evil", "x")
                .folder("www").gzip());
        corpus.put("points outside the archive", app().symlink("here", ".").symlink("out", "here/../evil").gzip());
        corpus.put("unsafe archive entry '/etc/passwd'", app().hardLink("passwd", "/etc/passwd").gzip());
        corpus.put("unsafe archive entry '../../etc/shadow'", app().hardLink("shadow", "../../etc/shadow").gzip());
        corpus.put("device files are not allowed", app().special("null", TarConstants.LF_CHR).gzip());
        corpus.put("device files are not allowed ", app().special("sda", TarConstants.LF_BLK).gzip());
        corpus.put("FIFOs are not allowed", app().special("pipe", TarConstants.LF_FIFO).gzip());
        byte[] bomb = bomb(2 * limit);
        assertTrue(bomb.length < 1024 * 1024, "the bomb is small: " + bomb.length + " bytes");
        corpus.put("the archive expands to more than " + limit / (1024 * 1024) + " MiB", bomb);
        corpus.put("the body is not a tar.gz archive", "#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.UTF_8));
        corpus.put("the body is not a tar.gz archive ", plainTar());
        corpus.put("the body is not a tar.gz archive  ", new byte[] { 0x1f, (byte) 0x8b, 8, 0, 0, 0 });

        for (Map.Entry<String, byte[]> hostile : corpus.entrySet()) {
            given().contentType("application/gzip").body(hostile.getValue()).post("/api/apps/{app}/builds", app)
                    .then().statusCode(400).body("error", containsString(hostile.getKey().strip()));
            try (Stream<Path> left = Files.list(workDir)) {
                assertEquals(List.of(), left.toList(), "left in the work folder by: " + hostile.getKey());
            }
        }
        given().get("/api/apps/{app}/builds", app).then().body("", hasSize(0));
        for (Path place : List.of(workDir.resolve("evil"), workDir.getParent().resolve("evil"),
                workDir.getParent().getParent().resolve("evil"), Path.of("/tmp/fjord-hostile-evil"))) {
            assertFalse(Files.exists(place), place + " was written");
        }
    }
}
