package io.fjord.build.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds tar.gz archives for tests, including the hostile entries a careful archiver never writes. */
public final class Tarball {
    private record Entry(String name, byte type, byte[] content, String linkName, int mode) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public static Tarball create() {
        return new Tarball();
    }

    /** The brief's test app: a static busybox serving {@code www/} on $PORT, with EXPOSE 8080. */
    public static Tarball busyboxApp(String page) {
        return create()
                .file("Dockerfile", """
                        FROM scratch
                        COPY busybox /bin/busybox
                        COPY www /www
                        EXPOSE 8080
                        CMD ["/bin/busybox", "sh", "-c", "exec /bin/busybox httpd -f -p $PORT -h /www"]
                        """)
                .file("busybox", busybox(), 0755)
                .file("www/index.html", page + "\n")
                .file("www/up", "ok\n")
                .file("Procfile", "web: /bin/busybox httpd -f -p $PORT -h /www\n");
    }

    /** A build that prints "tick 1" to "tick N" a second apart: long enough to watch or interrupt. */
    public static Tarball ticking(int seconds) {
        return create()
                .file("Dockerfile", "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"sh\", \"-c\", "
                        + "\"for i in $(/bin/busybox seq " + seconds + "); do echo tick $i; /bin/busybox sleep 1; done\"]\n")
                .file("busybox", busybox(), 0755);
    }

    public static byte[] busybox() {
        try {
            return Files.readAllBytes(Path.of("/bin/busybox"));
        } catch (IOException e) {
            throw new UncheckedIOException("the tests need busybox-static at /bin/busybox", e);
        }
    }

    public Tarball file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    public Tarball file(String name, byte[] content, int mode) {
        entries.add(new Entry(name, TarConstants.LF_NORMAL, content, null, mode));
        return this;
    }

    public Tarball folder(String name) {
        entries.add(new Entry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, null, null, 0755));
        return this;
    }

    public Tarball symlink(String name, String target) {
        entries.add(new Entry(name, TarConstants.LF_SYMLINK, null, target, 0777));
        return this;
    }

    public Tarball hardLink(String name, String target) {
        entries.add(new Entry(name, TarConstants.LF_LINK, null, target, 0644));
        return this;
    }

    public Tarball special(String name, byte type) {
        entries.add(new Entry(name, type, null, null, 0644));
        return this;
    }

    public byte[] gzip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                // preserveAbsolutePath keeps names such as "/etc/x" and "../x" exactly as given
                TarArchiveEntry entry = new TarArchiveEntry(e.name(), e.type(), true);
                entry.setMode(e.mode());
                if (e.linkName() != null) {
                    entry.setLinkName(e.linkName());
                }
                if (e.content() != null) {
                    entry.setSize(e.content().length);
                }
                tar.putArchiveEntry(entry);
                if (e.content() != null) {
                    tar.write(e.content());
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
