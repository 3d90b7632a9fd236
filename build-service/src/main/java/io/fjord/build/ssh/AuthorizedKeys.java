package io.fjord.build.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.fjord.build.git.GitConfig;

/**
 * Writes the git user's authorized_keys: every key forced to run {@code fjord-git-serve <id> <git root>},
 * with no forwarding, no pty and no rc file, so a key can push to and fetch from Fjord's repositories and
 * do nothing else. The file is written beside the old one and renamed over it (mode 0600, owned by the
 * git user), so sshd never reads half a file.
 */
@ApplicationScoped
public class AuthorizedKeys {
    static final String OPTIONS = "no-port-forwarding,no-X11-forwarding,no-agent-forwarding,no-pty,no-user-rc,restrict";
    /** Goes into a quoted option and through git-shell's word splitting: kept to characters safe in both. */
    private static final Pattern SAFE = Pattern.compile("^[A-Za-z0-9/._+-]+( [A-Za-z0-9/._+-]+)*$");

    private final SshConfig config;
    private final GitConfig git;

    AuthorizedKeys(SshConfig config, GitConfig git) {
        this.config = config;
        this.git = git;
    }

    /** The file's text for these keys. */
    String render(List<SshKey> keys) {
        String root = git.root().toAbsolutePath().normalize().toString();
        String command = config.command() + " %d " + root;
        if (!SAFE.matcher(config.command()).matches() || !SAFE.matcher(root).matches()) {
            throw new IllegalStateException("fjord.ssh.command and fjord.git.root must be plain paths "
                    + "(letters, digits, / . _ + -) to go into authorized_keys");
        }
        StringBuilder text = new StringBuilder(
                "# Written by Fjord's build-service from its key table (POST /api/keys); edits here are lost.\n");
        for (SshKey key : keys) {
            text.append("command=\"").append(command.formatted(key.id)).append("\",").append(OPTIONS).append(' ')
                    .append(key.publicKey).append('\n');
        }
        return text.toString();
    }

    /** Replaces the file with one holding exactly these keys. */
    synchronized void write(List<SshKey> keys) {
        Path file = config.authorizedKeys().toAbsolutePath();
        Path folder = file.getParent();
        try {
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(folder);
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
                own(folder);
            }
            Path candidate = Files.createTempFile(folder, ".authorized_keys", ".tmp");
            try {
                Files.setPosixFilePermissions(candidate, PosixFilePermissions.fromString("rw-------"));
                own(candidate);
                try (FileChannel out = FileChannel.open(candidate, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    out.write(StandardCharsets.UTF_8.encode(render(keys)));
                    out.force(true);
                }
                Files.move(candidate, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(candidate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** sshd reads the file as the git user and refuses one that user does not own. */
    private void own(Path path) throws IOException {
        if (config.user().isEmpty()) {
            return;
        }
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = users.lookupPrincipalByName(config.user().get());
        GroupPrincipal group = users.lookupPrincipalByGroupName(config.user().get());
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        view.setOwner(user);
        view.setGroup(group);
    }
}
