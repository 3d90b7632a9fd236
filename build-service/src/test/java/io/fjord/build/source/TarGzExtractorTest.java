package io.fjord.build.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fjord.build.testing.Tarball;

class TarGzExtractorTest {
    @TempDir
    Path sandbox;
    Path tree;

    @BeforeEach
    void createTree() throws IOException {
        tree = Files.createDirectory(sandbox.resolve("tree"));
    }

    private void extract(Tarball tarball) {
        extract(tarball.gzip(), 1024 * 1024);
    }

    private void extract(byte[] gzipped, long limit) {
        new TarGzExtractor(limit).extract(new ByteArrayInputStream(gzipped), tree);
    }

    private ArchiveRejected refused(Tarball tarball) {
        return assertThrows(ArchiveRejected.class, () -> extract(tarball));
    }

    /** Nothing may appear next to the tree: that is where an escaping entry would land. */
    private void assertNothingOutsideTheTree() throws IOException {
        try (Stream<Path> siblings = Files.list(sandbox)) {
            assertEquals(java.util.List.of(tree), siblings.toList());
        }
    }

    @Test
    void extractsFilesFoldersModesAndLinks() throws IOException {
        extract(Tarball.create()
                .folder("./")
                .file("Dockerfile", "FROM scratch\n")
                .file("bin/run", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), 0755)
                .folder("www")
                .file("www/index.html", "hi\n")
                .symlink("www/home.html", "index.html")
                .symlink("current", "www")
                .hardLink("www/copy.html", "www/index.html"));

        assertEquals("FROM scratch\n", Files.readString(tree.resolve("Dockerfile")));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(tree.resolve("bin/run"))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(tree.resolve("Dockerfile"))));
        assertEquals(Path.of("index.html"), Files.readSymbolicLink(tree.resolve("www/home.html")));
        assertEquals("hi\n", Files.readString(tree.resolve("current/home.html")));
        assertFalse(Files.isSymbolicLink(tree.resolve("www/copy.html")));
        assertEquals("hi\n", Files.readString(tree.resolve("www/copy.html")));
    }

    @Test
    void aLaterEntryReplacesAnEarlierOneOfTheSameName() throws IOException {
        extract(Tarball.create().file("a", "one").symlink("b", "a").file("a", "two").file("b", "plain"));
        assertEquals("two", Files.readString(tree.resolve("a")));
        assertFalse(Files.isSymbolicLink(tree.resolve("b")));
    }

    @Test
    void refusesDotDotAndWritesNothingOutside() throws IOException {
        ArchiveRejected e = refused(Tarball.create().file("Dockerfile", "x").file("../evil", "boom"));
        assertEquals("unsafe archive entry '../evil': '..' would leave the archive's folder", e.getMessage());
        assertNothingOutsideTheTree();
    }

    @Test
    void refusesAbsolutePaths() throws IOException {
        refused(Tarball.create().file("/tmp/evil", "boom"));
        assertNothingOutsideTheTree();
    }

    @Test
    void refusesSymlinksPointingOutside() throws IOException {
        assertTrue(refused(Tarball.create().symlink("etc", "/etc")).getMessage().contains("absolute"));
        assertTrue(refused(Tarball.create().symlink("a/up", "../../x")).getMessage().contains("outside"));
        assertNothingOutsideTheTree();
    }

    @Test
    void refusesSymlinksThatEscapeThroughOtherLinks() throws IOException {
        // Each target is fine by name, but "here" is the tree itself, so here/../outside climbs out.
        ArchiveRejected e = refused(Tarball.create().symlink("here", ".").symlink("out", "here/../outside"));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
        assertNothingOutsideTheTree();
    }

    @Test
    void refusesSymlinkLoops() {
        ArchiveRejected e = refused(Tarball.create().symlink("a", "b").symlink("b", "a"));
        assertTrue(e.getMessage().contains("loop"), e.getMessage());
    }

    @Test
    void acceptsLinksThatPointNowhereInside() throws IOException {
        extract(Tarball.create().symlink("config.yml", "config.local.yml").symlink("deep", "a/b/../c"));
        assertTrue(Files.isSymbolicLink(tree.resolve("config.yml")));
    }

    @Test
    void refusesToWriteThroughASymlink() throws IOException {
        ArchiveRejected e = refused(Tarball.create().symlink("dir", ".").file("dir/x", "boom"));
        assertTrue(e.getMessage().contains("below a symbolic link"), e.getMessage());
        assertFalse(Files.exists(tree.resolve("x"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void refusesHardLinksToNamesOutsideOrMissing() throws IOException {
        refused(Tarball.create().hardLink("passwd", "../../etc/passwd"));
        refused(Tarball.create().hardLink("passwd", "/etc/passwd"));
        refused(Tarball.create().hardLink("copy", "missing"));
        assertNothingOutsideTheTree();
    }

    @Test
    void refusesDevicesAndFifos() {
        assertTrue(refused(Tarball.create().special("null", TarConstants.LF_CHR)).getMessage().contains("device"));
        assertTrue(refused(Tarball.create().special("sda", TarConstants.LF_BLK)).getMessage().contains("device"));
        assertTrue(refused(Tarball.create().special("pipe", TarConstants.LF_FIFO)).getMessage().contains("FIFO"));
    }

    @Test
    void refusesAnArchiveThatExpandsBeyondTheLimit() {
        byte[] zeros = new byte[600 * 1024];
        Tarball bomb = Tarball.create().file("a", zeros, 0644).file("b", zeros, 0644);
        ArchiveRejected e = assertThrows(ArchiveRejected.class, () -> extract(bomb.gzip(), 1024 * 1024));
        assertEquals("the archive expands to more than 1 MiB", e.getMessage());
    }

    @Test
    void refusesWhatIsNotATarGz() throws IOException {
        String notTarGz = "the body is not a tar.gz archive";
        byte[] plain = "just text".getBytes(StandardCharsets.UTF_8);
        assertEquals(notTarGz, assertThrows(ArchiveRejected.class, () -> extract(plain, 1024)).getMessage());
        assertEquals(notTarGz, assertThrows(ArchiveRejected.class, () -> extract(new byte[0], 1024)).getMessage());
        byte[] gzippedText = gzip("this is gzip, but there is no tar inside it at all. ".repeat(40));
        assertEquals(notTarGz, assertThrows(ArchiveRejected.class, () -> extract(gzippedText, 1024 * 1024)).getMessage());
    }

    @Test
    void aTruncatedArchiveIsNotATarGz() {
        byte[] whole = Tarball.create().file("Dockerfile", new byte[4096], 0644).gzip();
        byte[] half = java.util.Arrays.copyOf(whole, whole.length / 2);
        assertEquals("the body is not a tar.gz archive",
                assertThrows(ArchiveRejected.class, () -> extract(half, 1024 * 1024)).getMessage());
    }

    @Test
    void extractsWhatGitArchiveWrites() throws Exception {
        Path repo = Files.createDirectory(sandbox.resolve("repo"));
        run(repo, "git", "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("Dockerfile"), "FROM scratch\n");
        Files.createSymbolicLink(repo.resolve("link"), Path.of("Dockerfile"));
        run(repo, "git", "add", ".");
        run(repo, "git", "-c", "user.name=t", "-c", "user.email=t@fjord", "commit", "-q", "-m", "x");
        byte[] archive = runForBytes(repo, "git", "archive", "--format=tar.gz", "HEAD");
        Files.walk(repo).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());

        extract(archive, 1024 * 1024);
        assertArrayEquals("FROM scratch\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(tree.resolve("Dockerfile")));
        assertTrue(Files.isSymbolicLink(tree.resolve("link")));
        try (Stream<Path> files = Files.list(tree)) {
            assertEquals(2, files.count(), "the pax global header is no file");
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static void run(Path dir, String... command) throws Exception {
        runForBytes(dir, command);
    }

    private static byte[] runForBytes(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertEquals(0, process.waitFor(), String.join(" ", command));
        return out;
    }
}
