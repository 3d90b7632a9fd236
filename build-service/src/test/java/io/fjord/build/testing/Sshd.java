package io.fjord.build.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.fjord.build.source.Trees;

/**
 * A real OpenSSH server of the test's own on a free loopback port, with a fresh host key, letting only the
 * current user in, by public key, from the authorized_keys file build-service writes. Its log goes to
 * {@code sshd.log} in its folder.
 */
public final class Sshd implements AutoCloseable {
    private final Path folder;
    private final int port;
    private final Process process;

    public Sshd(Path authorizedKeys) throws IOException, InterruptedException {
        folder = Files.createTempDirectory("fjord-sshd-");
        port = freePort();
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", folder.resolve("host_key").toString());
        Files.writeString(folder.resolve("sshd_config"), String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + folder.resolve("host_key"),
                "PidFile " + folder.resolve("sshd.pid"),
                "AuthorizedKeysFile " + authorizedKeys.toAbsolutePath(),
                // The file lives in the build's target/ folder, whose modes sshd's checks would refuse.
                "StrictModes no",
                "UsePAM no",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "AllowUsers " + user(),
                "LogLevel VERBOSE",
                ""));
        // sshd's privilege separation needs this folder; the package's init scripts normally make it.
        Files.createDirectories(Path.of("/run/sshd"));
        process = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", folder.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("sshd.log").toFile()).start();
        Waits.until(Duration.ofSeconds(15), "sshd listens on " + port, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                return !process.isAlive() ? fail() : false;
            }
        });
    }

    private boolean fail() {
        throw new AssertionError("sshd stopped: " + log());
    }

    public static String user() {
        return System.getProperty("user.name");
    }

    public int port() {
        return port;
    }

    public String log() {
        try {
            return Files.readString(folder.resolve("sshd.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** {@code ssh} as git runs it for this server, with the given private key and no other identity. */
    public String sshCommand(Path key) {
        return "ssh -i " + key + " -p " + port + " -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no"
                + " -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR";
    }

    public String url(String app) {
        return "ssh://" + user() + "@127.0.0.1:" + port + "/" + app + ".git";
    }

    /** A new ed25519 key pair in {@code dir}; answers the private key's path (the public one ends in .pub). */
    public static Path newKey(Path dir, String name) throws IOException, InterruptedException {
        Path key = dir.resolve(name);
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name + "@fjord-test", "-f", key.toString());
        return key;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Trees.deleteQuietly(folder);
    }
}
