package io.fjord.build.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Extracts a tar.gz into an empty folder and refuses anything that could reach outside it: {@code ..}
 * and absolute names, links pointing out, entries below a symbolic link, device files and FIFOs. The
 * total size of the files is capped, so a small archive cannot fill the disk.
 */
public final class TarGzExtractor {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> PLAIN = PosixFilePermissions.fromString("rw-r--r--");
    /** The kernel's own limit on links followed in one lookup. */
    private static final int MAX_LINK_HOPS = 40;

    private final long maxExpandedBytes;
    private long expanded;

    public TarGzExtractor(long maxExpandedBytes) {
        this.maxExpandedBytes = maxExpandedBytes;
    }

    /** Extracts {@code gzipped} into {@code folder}, which must exist and be empty. */
    public void extract(InputStream gzipped, Path folder) {
        try {
            Path root = folder.toRealPath();
            try (TarArchiveInputStream tar = open(gzipped)) {
                TarArchiveEntry entry;
                while ((entry = next(tar)) != null) {
                    extractEntry(tar, entry, root);
                }
            }
            checkLinksStayInside(root);
        } catch (IOException e) {
            throw new UncheckedIOException("extracting into " + folder + " failed", e);
        }
    }

    private static TarArchiveInputStream open(InputStream gzipped) {
        try {
            return new TarArchiveInputStream(new GzipCompressorInputStream(new BufferedInputStream(gzipped), true));
        } catch (IOException e) {
            throw ArchiveRejected.notTarGz();
        }
    }

    /** Reading errors mean a broken or foreign format; they are the uploader's problem, not ours. */
    private static TarArchiveEntry next(TarArchiveInputStream tar) {
        try {
            return tar.getNextEntry();
        } catch (IOException e) {
            throw ArchiveRejected.notTarGz();
        }
    }

    private void extractEntry(TarArchiveInputStream tar, TarArchiveEntry entry, Path root) throws IOException {
        if (entry.isGlobalPaxHeader()) {
            return; // git archive puts the commit id here; it describes the archive, it is no file
        }
        String path = EntryPaths.relative(entry.getName());
        if (entry.isDirectory()) {
            makeFolders(root, path, entry.getName());
        } else if (path.isEmpty()) {
            throw ArchiveRejected.unsafe(entry.getName(), "only a folder can stand for the archive's root");
        } else if (entry.isSymbolicLink()) {
            EntryPaths.checkSymlinkTarget(path, entry.getLinkName());
            Files.createSymbolicLink(prepare(root, path, entry.getName()), Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
            copyHardLink(root, path, entry);
        } else if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            throw ArchiveRejected.unsafe(entry.getName(), "device files are not allowed");
        } else if (entry.isFIFO()) {
            throw ArchiveRejected.unsafe(entry.getName(), "FIFOs are not allowed");
        } else if (isRegularFile(entry)) {
            Path target = prepare(root, path, entry.getName());
            write(tar, target);
            Files.setPosixFilePermissions(target, permissions(entry.getMode()));
        } else {
            throw ArchiveRejected.unsafe(entry.getName(), "unsupported entry type '" + (char) entry.getLinkFlag() + "'");
        }
    }

    private static boolean isRegularFile(TarArchiveEntry entry) {
        byte flag = entry.getLinkFlag();
        return !entry.isSparse() && (flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM
                || flag == TarConstants.LF_CONTIG);
    }

    /** Creates the folders of {@code path} one by one, refusing to pass through a link or a file. */
    private static Path makeFolders(Path root, String path, String entryName) throws IOException {
        Path current = root;
        if (path.isEmpty()) {
            return current;
        }
        for (String part : path.split("/")) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                throw ArchiveRejected.unsafe(entryName, "it lies below a symbolic link");
            }
            if (Files.exists(current, NOFOLLOW)) {
                if (!Files.isDirectory(current, NOFOLLOW)) {
                    throw ArchiveRejected.unsafe(entryName, "it lies below a file");
                }
            } else {
                Files.createDirectory(current);
                Files.setPosixFilePermissions(current, EXECUTABLE);
            }
        }
        return current;
    }

    /** The place for a file or link; an earlier entry of the same name is replaced, as tar does. */
    private static Path prepare(Path root, String path, String entryName) throws IOException {
        int slash = path.lastIndexOf('/');
        Path folder = makeFolders(root, slash < 0 ? "" : path.substring(0, slash), entryName);
        Path target = folder.resolve(path.substring(slash + 1));
        if (Files.isDirectory(target, NOFOLLOW)) {
            throw ArchiveRejected.unsafe(entryName, "a folder of that name came earlier");
        }
        Files.deleteIfExists(target); // does not follow a link: it removes the link itself
        return target;
    }

    /** A hard link becomes a copy of its (earlier, regular) file, which keeps the tree free of shared inodes. */
    private void copyHardLink(Path root, String path, TarArchiveEntry entry) throws IOException {
        String sourcePath = EntryPaths.relative(entry.getLinkName());
        if (sourcePath.isEmpty()) {
            throw ArchiveRejected.unsafe(entry.getName(), "the hard link points to the archive's root");
        }
        Path source = root;
        for (String part : sourcePath.split("/")) {
            if (Files.isSymbolicLink(source)) {
                throw ArchiveRejected.unsafe(entry.getName(), "the hard link points below a symbolic link");
            }
            source = source.resolve(part);
        }
        if (!Files.isRegularFile(source, NOFOLLOW)) {
            throw ArchiveRejected.unsafe(entry.getName(), "the hard link does not point to an earlier file");
        }
        count(Files.size(source));
        Path target = prepare(root, path, entry.getName());
        Files.copy(source, target, LinkOption.NOFOLLOW_LINKS);
    }

    private void write(TarArchiveInputStream tar, Path target) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            int n;
            while ((n = read(tar, buffer)) > 0) {
                count(n);
                out.write(buffer, 0, n);
            }
        }
    }

    private static int read(TarArchiveInputStream tar, byte[] buffer) {
        try {
            return tar.read(buffer);
        } catch (IOException e) {
            throw ArchiveRejected.notTarGz();
        }
    }

    private void count(long bytes) {
        expanded += bytes;
        if (expanded > maxExpandedBytes) {
            throw new ArchiveRejected("the archive expands to more than " + maxExpandedBytes / (1024 * 1024) + " MiB");
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        return (mode & 0111) != 0 ? EXECUTABLE : PLAIN;
    }

    /**
     * A link's target was checked on its name alone; through other links (say {@code a -> .} and
     * {@code b -> a/../x}) it may still lead elsewhere. Now that the tree is complete, each link is followed
     * as the kernel would, and must stay inside.
     */
    private static void checkLinksStayInside(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isSymbolicLink()) {
                    follow(root, file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Resolves {@code link} part by part, following links on the way; the end need not exist. */
    private static void follow(Path root, Path link) throws IOException {
        String shown = root.relativize(link).toString();
        Deque<String> parts = new ArrayDeque<>(List.of(Files.readSymbolicLink(link).toString().split("/")));
        Path current = link.getParent();
        int hops = 0;
        while (!parts.isEmpty()) {
            String part = parts.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (current.equals(root)) {
                    throw ArchiveRejected.unsafe(shown, "the symbolic link points outside the archive");
                }
                current = current.getParent();
                continue;
            }
            Path next = current.resolve(part);
            if (!Files.isSymbolicLink(next)) {
                current = next;
                continue;
            }
            if (++hops > MAX_LINK_HOPS) {
                throw ArchiveRejected.unsafe(shown, "the symbolic links form a loop");
            }
            String target = Files.readSymbolicLink(next).toString();
            if (target.startsWith("/")) {
                throw ArchiveRejected.unsafe(shown, "the symbolic link points outside the archive");
            }
            List<String> targetParts = List.of(target.split("/"));
            for (int i = targetParts.size() - 1; i >= 0; i--) {
                parts.push(targetParts.get(i));
            }
        }
    }
}
