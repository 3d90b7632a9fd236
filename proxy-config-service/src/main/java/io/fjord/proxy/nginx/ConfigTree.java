package io.fjord.proxy.nginx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fjord's nginx tree on disk: {@code nginx.conf}, {@code platform/*.conf}, {@code apps/<app>.conf} and
 * {@code certs/<app>/} with the certificates and keys of an app's domains. Changes are prepared in a
 * candidate, a directory inside the tree holding a full copy of the configuration: nginx validates the
 * candidate as a whole, and its files reach the live tree by rename, which is atomic because both are on
 * the same file system. nginx never reads a half-written file.
 * <p>
 * A candidate holds the live files as hard links, not copies: live files are never written in place (they
 * are replaced by rename), so a link shows the same content a copy would, at a fraction of the cost with a
 * thousand apps; a file the candidate changes is written as a new file, never through the link.
 * <p>
 * Keys are secrets: {@code certs/} and each app's directory in it are mode 0700, their files 0600, from
 * the moment they are created.
 */
@ApplicationScoped
public class ConfigTree {
    private static final String MAIN = "nginx.conf";
    private static final List<String> ROUTE_DIRS = List.of("platform", "apps");
    private static final String CERTS = "certs";
    private static final String CANDIDATE_PREFIX = ".candidate-";
    private static final Set<PosixFilePermission> SECRET_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> SECRET_FILE = PosixFilePermissions.fromString("rw-------");

    private final EdgeSettings settings;
    private final Path dir;

    ConfigTree(EdgeSettings settings) {
        this.settings = settings;
        this.dir = settings.dir();
    }

    public static String mainFile() {
        return MAIN;
    }

    /** The file of an app; {@code app} must be a checked app name. */
    public static String appFile(String app) {
        return "apps/" + NginxSyntax.appName(app) + ".conf";
    }

    public static String platformFile(String site) {
        return "platform/" + NginxSyntax.appName(site) + ".conf";
    }

    /** The certificate chain served for one of an app's domains. */
    public static String certFile(String app, String domain) {
        return certBase(app, domain) + ".crt";
    }

    /** The private key of {@link #certFile}. */
    public static String keyFile(String app, String domain) {
        return certBase(app, domain) + ".key";
    }

    /** The directory of an app's certificates and keys. */
    public static String certDir(String app) {
        return CERTS + "/" + NginxSyntax.appName(app);
    }

    // A wildcard's '*' becomes '_', which no domain label has: *.shop.example is _.shop.example.crt.
    private static String certBase(String app, String domain) {
        return certDir(app) + "/" + NginxSyntax.serverName(domain).replace('*', '_');
    }

    /** Keys, and the platform's own files, which hold the secret the edge shows the services. */
    private static boolean secret(String relative) {
        return relative.startsWith(CERTS + "/") || relative.startsWith("platform/");
    }

    public Path dir() {
        return dir;
    }

    public Path live(String relative) {
        return dir.resolve(relative);
    }

    /**
     * Creates the directories the edge needs, removes candidates an interrupted change left behind and
     * puts the modes of the certificate files back to root-only.
     */
    public void prepare() {
        try {
            for (String routeDir : ROUTE_DIRS) {
                Files.createDirectories(dir.resolve(routeDir));
            }
            Files.createDirectories(settings.challengeDir());
            Files.createDirectories(settings.errorLog().getParent());
            Files.createDirectories(settings.accessLog().getParent());
            Path certs = dir.resolve(CERTS);
            if (!Files.exists(certs)) {
                Files.createDirectory(certs, PosixFilePermissions.asFileAttribute(SECRET_DIR));
            }
            try (Stream<Path> paths = Files.walk(certs)) {
                for (Path path : paths.toList()) {
                    Files.setPosixFilePermissions(path, Files.isDirectory(path) ? SECRET_DIR : SECRET_FILE);
                }
            }
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, CANDIDATE_PREFIX + "*")) {
                for (Path leftover : leftovers) {
                    deleteRecursively(leftover);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A candidate holding the live configuration, to change some files of. */
    public Candidate copyOfLive() {
        Candidate candidate = empty();
        try {
            for (String relative : configFiles(dir)) {
                candidate.link(relative);
            }
            return candidate;
        } catch (IOException e) {
            candidate.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            candidate.close();
            throw e;
        }
    }

    /** An empty candidate, for a configuration rendered from scratch. */
    public Candidate empty() {
        try {
            // Created mode 0700 by the JDK: what a candidate holds is nobody else's business either.
            Path root = Files.createTempDirectory(dir, CANDIDATE_PREFIX);
            for (String routeDir : ROUTE_DIRS) {
                Files.createDirectories(root.resolve(routeDir));
            }
            return new Candidate(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<String> read(String relative) {
        try {
            Path file = dir.resolve(relative);
            return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts back what a live file held before (or removes it when there was none), atomically. */
    public void restore(String relative, Optional<String> content) {
        try {
            Path target = dir.resolve(relative);
            if (content.isEmpty()) {
                delete(relative);
                return;
            }
            createParent(dir, relative);
            // A temp name outside nginx's *.conf includes, in the same directory for an atomic rename. The
            // JDK creates temp files with mode 0600, right for keys too.
            Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.writeString(temp, content.get());
            if (!secret(relative)) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a live file, and the directory of an app's certificates once it is empty; true if there was one. */
    public boolean delete(String relative) {
        try {
            boolean deleted = Files.deleteIfExists(dir.resolve(relative));
            Path parent = dir.resolve(relative).getParent();
            if (secret(relative) && !parent.equals(dir.resolve(CERTS)) && Files.isDirectory(parent)) {
                try (Stream<Path> left = Files.list(parent)) {
                    if (left.findAny().isEmpty()) {
                        Files.delete(parent);
                    }
                }
            }
            return deleted;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The main file, the route files and the certificate files of a tree, relative to it. */
    private static List<String> configFiles(Path root) throws IOException {
        List<String> files = new ArrayList<>();
        if (Files.exists(root.resolve(MAIN))) {
            files.add(MAIN);
        }
        for (String routeDir : ROUTE_DIRS) {
            if (Files.isDirectory(root.resolve(routeDir))) {
                try (DirectoryStream<Path> confs = Files.newDirectoryStream(root.resolve(routeDir), "*.conf")) {
                    for (Path conf : confs) {
                        files.add(routeDir + "/" + conf.getFileName());
                    }
                }
            }
        }
        Path certs = root.resolve(CERTS);
        if (Files.isDirectory(certs)) {
            try (DirectoryStream<Path> apps = Files.newDirectoryStream(certs, Files::isDirectory)) {
                for (Path app : apps) {
                    try (DirectoryStream<Path> pems = Files.newDirectoryStream(app, "*.{crt,key}")) {
                        for (Path pem : pems) {
                            files.add(CERTS + "/" + app.getFileName() + "/" + pem.getFileName());
                        }
                    }
                }
            }
        }
        return files;
    }

    /** Creates the directories above a file of a tree; {@code certs/} and {@code certs/<app>/} root-only. */
    private static void createParent(Path root, String relative) throws IOException {
        Path parent = root.resolve(relative).getParent();
        if (Files.isDirectory(parent)) {
            return;
        }
        if (!secret(relative)) {
            Files.createDirectories(parent);
            return;
        }
        FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(SECRET_DIR);
        if (!Files.isDirectory(root.resolve(CERTS))) {
            Files.createDirectory(root.resolve(CERTS), mode);
        }
        Files.createDirectory(parent, mode);
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** A configuration being prepared; closing it removes whatever was not promoted. */
    public final class Candidate implements AutoCloseable {
        private final Path root;

        private Candidate(Path root) {
            this.root = root;
        }

        public Path root() {
            return root;
        }

        public Path mainConfig() {
            return root.resolve(MAIN);
        }

        /**
         * Writes a file as a new one (a link to a live file is replaced, not written through); a certificate or
         * key is created mode 0600, so it is never readable by others.
         */
        public void write(String relative, String content) {
            try {
                createParent(root, relative);
                Path file = root.resolve(relative);
                Files.deleteIfExists(file);
                if (!secret(relative)) {
                    Files.writeString(file, content);
                    return;
                }
                try (SeekableByteChannel channel = Files.newByteChannel(file,
                        EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(SECRET_FILE))) {
                    ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public void delete(String relative) {
            try {
                Files.deleteIfExists(root.resolve(relative));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Takes a live file into the candidate as it is, without copying it (a hard link). */
        public void link(String relative) {
            try {
                createParent(root, relative);
                Files.createLink(root.resolve(relative), dir.resolve(relative));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Moves one file into the live tree, replacing the live one atomically. */
        public void promote(String relative) {
            try {
                createParent(dir, relative);
                Files.move(root.resolve(relative), dir.resolve(relative), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Makes this the live configuration: every file moved in, and live files it does not hold (apps no
         * longer routed, certificates no longer served, hand-made files) removed.
         */
        public void promoteAll() {
            try {
                List<String> files = configFiles(root);
                for (String relative : files) {
                    promote(relative);
                }
                for (String relative : configFiles(dir)) {
                    if (!files.contains(relative)) {
                        ConfigTree.this.delete(relative);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                deleteRecursively(root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
