package io.fjord.build.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * Lets a group (the git user's) push into a repository that build-service owns: the repository belongs to
 * that group; {@code objects/} and {@code refs/} are group-writable, set-group-id so what a push adds
 * stays in the group (git's {@code core.sharedRepository=group} keeps new files group-readable and new
 * folders group-writable). The repository's own folder is group-writable too, as a push locks HEAD there,
 * but sticky, so the group cannot replace or remove the owner's files in it: {@code config}, {@code HEAD}
 * and {@code hooks/} stay the owner's alone (the hook also runs for pushes made as root).
 */
public final class RepositoryPermissions {
    private static final int GROUP_WRITE_DIR = 02775;
    private static final int STICKY_GROUP_WRITE_DIR = 03775;
    private static final int GROUP_READ_DIR = 0755;
    private static final int NOT_GROUP_WRITABLE = ~0020;
    private static final String MODE = "unix:mode";

    private RepositoryPermissions() {
    }

    public static void apply(Path repository, String groupName) {
        try {
            GroupPrincipal group = repository.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByGroupName(groupName);
            Path objects = repository.resolve("objects");
            Path refs = repository.resolve("refs");
            Files.walkFileTree(repository, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    setGroup(dir, group);
                    boolean writable = dir.startsWith(objects) || dir.startsWith(refs);
                    setMode(dir, dir.equals(repository) ? STICKY_GROUP_WRITE_DIR
                            : writable ? GROUP_WRITE_DIR : GROUP_READ_DIR);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!attrs.isSymbolicLink()) {
                        setGroup(file, group);
                        int mode = (Integer) Files.getAttribute(file, MODE, LinkOption.NOFOLLOW_LINKS) & 07777;
                        setMode(file, (mode | 0040) & NOT_GROUP_WRITABLE); // readable by the group, not writable
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot give group " + groupName + " access to " + repository, e);
        }
    }

    private static void setGroup(Path path, GroupPrincipal group) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (!view.readAttributes().group().equals(group)) {
            view.setGroup(group);
        }
    }

    private static void setMode(Path path, int mode) throws IOException {
        if (((Integer) Files.getAttribute(path, MODE, LinkOption.NOFOLLOW_LINKS) & 07777) != mode) {
            Files.setAttribute(path, MODE, mode, LinkOption.NOFOLLOW_LINKS);
        }
    }
}
