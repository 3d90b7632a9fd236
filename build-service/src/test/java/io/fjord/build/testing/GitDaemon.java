package io.fjord.build.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.fjord.build.source.Trees;

/**
 * {@code git daemon} on a free loopback port, serving the bare repositories in its own temporary folder
 * as {@code git://127.0.0.1:<port>/<name>.git}: the stand-in for GitHub and the others in webhook tests.
 */
public final class GitDaemon implements AutoCloseable {
    private final Path base;
    private final int port;
    private final Process process;

    public GitDaemon() throws IOException {
        base = Files.createTempDirectory("fjord-git-daemon-");
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        process = new ProcessBuilder("git", "daemon", "--export-all", "--reuseaddr", "--base-path=" + base,
                "--port=" + port, "--listen=127.0.0.1", base.toString())
                .redirectErrorStream(true).redirectOutput(base.resolve("daemon.log").toFile()).start();
        Waits.until(Duration.ofSeconds(15), "git daemon listens", () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    public Path base() {
        return base;
    }

    /** Pushes {@code branch} of the working copy to {@code <name>.git} here, creating it; answers its URL. */
    public String publish(Path workingCopy, String name, String refspec) throws IOException, InterruptedException {
        Path repository = base.resolve(name + ".git");
        if (!Files.exists(repository)) {
            Commands.git(base, "init", "-q", "--bare", repository.toString());
        }
        Commands.Result push = Commands.run(workingCopy, Map.of(), "git", "push", "-q", "-f", repository.toString(),
                refspec);
        if (push.exitCode() != 0) {
            throw new IOException("push to the daemon's repository failed: " + push.output());
        }
        return url(name);
    }

    public String url(String name) {
        return "git://127.0.0.1:" + port + "/" + name + ".git";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Trees.deleteQuietly(base);
    }
}
