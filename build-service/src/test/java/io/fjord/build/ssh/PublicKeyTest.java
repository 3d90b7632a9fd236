package io.fjord.build.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys made by the real ssh-keygen, and the hostile or broken texts a key field may receive. */
class PublicKeyTest {
    @TempDir
    Path dir;

    private String keygen(String... typeArgs) throws Exception {
        Path key = dir.resolve("key" + System.nanoTime());
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("ssh-keygen", "-q", "-N", "",
                "-C", "dev@laptop", "-f", key.toString()));
        command.addAll(java.util.List.of(typeArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), new String(process.getInputStream().readAllBytes()));
        return Files.readString(Path.of(key + ".pub"));
    }

    /** ssh-keygen -lf's fingerprint of a public key text. */
    private String sshKeygenFingerprint(String publicKey) throws Exception {
        Path file = dir.resolve("fp" + System.nanoTime() + ".pub");
        Files.writeString(file, publicKey);
        Process process = new ProcessBuilder("ssh-keygen", "-lf", file.toString()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return out.split(" ")[1];
    }

    @Test
    void acceptsEd25519EcdsaAndRsaKeysWithTheFingerprintSshKeygenShows() throws Exception {
        for (String[] type : new String[][] { { "-t", "ed25519" }, { "-t", "ecdsa", "-b", "256" },
                { "-t", "ecdsa", "-b", "384" }, { "-t", "ecdsa", "-b", "521" }, { "-t", "rsa", "-b", "2048" } }) {
            String text = keygen(type);
            PublicKey key = PublicKey.parse(text); // with the trailing newline of the .pub file
            assertEquals(sshKeygenFingerprint(text), key.fingerprint(), text);
            assertEquals("dev@laptop", key.comment());
            assertEquals(text.split(" ")[0] + " " + text.split(" ")[1], key.line());
        }
        assertEquals(256, PublicKey.parse(keygen("-t", "ed25519")).bits());
        assertEquals(2048, PublicKey.parse(keygen("-t", "rsa", "-b", "2048")).bits());
        assertEquals(521, PublicKey.parse(keygen("-t", "ecdsa", "-b", "521")).bits());
    }

    @Test
    void aKeyWithoutACommentIsFine() throws Exception {
        String[] parts = keygen("-t", "ed25519").split(" ");
        assertNull(PublicKey.parse(parts[0] + " " + parts[1]).comment());
    }

    private static String refused(String text) {
        return assertThrows(PublicKey.InvalidKey.class, () -> PublicKey.parse(text)).getMessage();
    }

    @Test
    void refusesPrivateKeysWithoutRepeatingThem() throws Exception {
        Path key = dir.resolve("private");
        new ProcessBuilder("ssh-keygen", "-q", "-N", "", "-t", "ed25519", "-f", key.toString()).start().waitFor();
        String privateKey = Files.readString(key);
        String message = refused(privateKey);
        assertTrue(message.contains("private key"), message);
        assertTrue(!message.contains(privateKey.substring(40, 80)), message);
        assertTrue(refused("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----").contains("private"));
    }

    @Test
    void refusesOptionsSecondLinesAndUnsupportedTypes() throws Exception {
        String key = keygen("-t", "ed25519").strip();
        assertTrue(refused("command=\"/bin/sh\" " + key).contains("options"));
        assertTrue(refused("no-pty " + key).contains("options"));
        assertTrue(refused("restrict,command=\"x\" " + key).contains("options"));
        assertTrue(refused(key + "\n" + key).contains("one line"));
        assertTrue(refused(key + "\r\nssh-rsa AAAA").contains("one line"));
        assertTrue(refused("ssh-dss AAAAB3NzaC1kc3MAAACBAP").contains("unsupported key type 'ssh-dss'"));
        assertTrue(refused("sk-ssh-ed25519@openssh.com AAAA").contains("unsupported"));
        assertTrue(refused("").contains("required"));
        assertTrue(refused("ssh-ed25519").contains("missing"));
        assertTrue(refused("hello world").contains("unsupported key type 'hello'"));
    }

    @Test
    void refusesBase64ThatIsBrokenOrNotTheKeyItClaims() throws Exception {
        String[] ed = keygen("-t", "ed25519").split(" ");
        String[] rsa = keygen("-t", "rsa", "-b", "2048").split(" ");
        assertTrue(refused("ssh-ed25519 AAAA$$$$").contains("base64"));
        assertTrue(refused("ssh-ed25519 " + ed[1].substring(0, ed[1].length() - 1) + "!").contains("base64"));
        // An RSA key's base64 labelled as ed25519.
        assertTrue(refused("ssh-ed25519 " + rsa[1]).contains("inside"));
        // Cut short, and with bytes past the end.
        byte[] blob = Base64.getDecoder().decode(ed[1]);
        assertTrue(refused("ssh-ed25519 " + Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(blob, 30)))
                .contains("ssh-ed25519"));
        byte[] longer = java.util.Arrays.copyOf(blob, blob.length + 4);
        assertTrue(refused("ssh-ed25519 " + Base64.getEncoder().encodeToString(longer)).contains("past its end"));
    }

    @Test
    void refusesRsaKeysUnder2048Bits() throws IOException {
        // Built by hand: ssh-keygen no longer makes keys this small.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        writeString(out, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
        writeString(out, BigInteger.valueOf(65537).toByteArray());
        writeString(out, BigInteger.ONE.shiftLeft(1023).add(BigInteger.ONE).toByteArray());
        String message = refused("ssh-rsa " + Base64.getEncoder().encodeToString(bytes.toByteArray()));
        assertTrue(message.contains("at least 2048 bits; this one has 1024"), message);
    }

    private static void writeString(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    @Test
    void refusesCommentsWithControlCharacters() throws Exception {
        String key = keygen("-t", "ed25519").strip();
        assertTrue(refused(key + " evil\u001b[2J").contains("control"));
    }
}
