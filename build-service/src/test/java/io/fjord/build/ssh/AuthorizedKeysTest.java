package io.fjord.build.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fjord.build.git.GitConfig;

class AuthorizedKeysTest {
    @TempDir
    Path dir;

    private AuthorizedKeys file(String command, Path root) {
        Path keys = dir.resolve("home/.ssh/authorized_keys");
        SshConfig ssh = new SshConfig() {
            public Path authorizedKeys() {
                return keys;
            }

            public String command() {
                return command;
            }

            public Optional<String> user() {
                return Optional.empty();
            }
        };
        GitConfig git = new GitConfig() {
            public Path root() {
                return root;
            }

            public Optional<String> group() {
                return Optional.empty();
            }

            public Hook hook() {
                return new Hook() {
                    public String buildUrl() {
                        return "";
                    }

                    public String deployUrl() {
                        return "";
                    }

                    public String domain() {
                        return "";
                    }

                    public Duration releaseTimeout() {
                        return Duration.ZERO;
                    }
                };
            }
        };
        return new AuthorizedKeys(ssh, git);
    }

    private static SshKey key(long id, String line) {
        SshKey key = new SshKey();
        key.id = id;
        key.publicKey = line;
        return key;
    }

    @Test
    void everyKeyIsForcedToRunFjordGitServeWithNoForwardingAndNoPty() throws Exception {
        AuthorizedKeys file = file("fjord-git-serve", Path.of("/var/lib/fjord/git"));
        file.write(List.of(key(3, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA"), key(7, "ssh-rsa AAAAB3Nza")));
        Path written = dir.resolve("home/.ssh/authorized_keys");
        assertEquals("""
                # Written by Fjord's build-service from its key table (POST /api/keys); edits here are lost.
                command="fjord-git-serve 3 /var/lib/fjord/git",no-port-forwarding,no-X11-forwarding,\
                no-agent-forwarding,no-pty,no-user-rc,restrict ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA
                command="fjord-git-serve 7 /var/lib/fjord/git",no-port-forwarding,no-X11-forwarding,\
                no-agent-forwarding,no-pty,no-user-rc,restrict ssh-rsa AAAAB3Nza
                """, Files.readString(written));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(written)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(written.getParent())));

        file.write(List.of());
        assertEquals(1, Files.readAllLines(written).size());
        try (var left = Files.list(written.getParent())) {
            assertEquals(List.of(written), left.toList(), "no temporary file is left beside it");
        }
    }

    @Test
    void refusesPathsThatCouldBreakOutOfTheQuotedCommand() {
        assertThrows(IllegalStateException.class, () -> file("fjord-git-serve", Path.of("/srv/my \"git\""))
                .render(List.of()));
        assertThrows(IllegalStateException.class, () -> file("x\";rm", Path.of("/srv/git")).render(List.of()));
    }
}
