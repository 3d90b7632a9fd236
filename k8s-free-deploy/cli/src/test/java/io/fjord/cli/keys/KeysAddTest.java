package io.fjord.cli.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fjord.cli.CliException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysAddTest {
    private static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJdD7y3aLq454yWBdwLWbieU1ebz9/cu7/QEXn9OIeZJ alice@laptop";

    @TempDir
    Path ssh;

    @Test
    void postsTheKeyLine() {
        String key = KeysAdd.publicKey(ED25519 + "\n", Path.of("id_ed25519.pub"));
        assertEquals(ED25519, key);
        assertEquals("POST /api/keys {\"publicKey\":\"" + ED25519 + "\"}", KeysAdd.request(key).toString());
    }

    @Test
    void acceptsTheUsualKeyTypes() {
        KeysAdd.publicKey("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7", Path.of("k"));
        KeysAdd.publicKey("ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTY= bob", Path.of("k"));
        KeysAdd.publicKey("sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29t yubikey", Path.of("k"));
    }

    @Test
    void neverUploadsAPrivateKey() {
        CliException e = assertThrows(CliException.class, () -> KeysAdd.publicKey(
                "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n", Path.of("id_ed25519")));
        assertEquals("id_ed25519 is a private key: give the .pub file next to it", e.getMessage());
    }

    @Test
    void refusesWhatIsNotAKey() {
        assertThrows(CliException.class, () -> KeysAdd.publicKey("hello", Path.of("k")));
        assertThrows(CliException.class, () -> KeysAdd.publicKey(ED25519 + "\n" + ED25519, Path.of("k")));
        assertThrows(CliException.class, () -> KeysAdd.publicKey("ssh-dss AAAAB3NzaC1kc3M=", Path.of("k")));
    }

    @Test
    void findsTheUsualKeyFile() throws Exception {
        CliException none = assertThrows(CliException.class, () -> KeysAdd.defaultKey(ssh));
        assertTrue(none.getMessage().contains("ssh-keygen -t ed25519"));
        Files.writeString(ssh.resolve("id_rsa.pub"), "x");
        assertEquals(ssh.resolve("id_rsa.pub"), KeysAdd.defaultKey(ssh));
        Files.writeString(ssh.resolve("id_ed25519.pub"), "x");
        assertEquals(ssh.resolve("id_ed25519.pub"), KeysAdd.defaultKey(ssh));
    }
}
