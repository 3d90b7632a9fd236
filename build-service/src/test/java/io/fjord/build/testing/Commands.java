package io.fjord.build.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Real commands (git, ssh) for the tests, with their output and exit code. */
public final class Commands {
    public record Result(int exitCode, String output) {
    }

    private Commands() {
    }

    public static Result run(Path dir, Map<String, String> env, String... command) throws IOException,
            InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "still running: " + String.join(" ", command));
        return new Result(process.exitValue(), output);
    }

    /** git with a committer identity; fails the test unless it succeeds. */
    public static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Fjord Test",
                "-c", "user.email=test@fjord.localhost"));
        command.addAll(List.of(args));
        Result result = run(dir, Map.of(), command.toArray(String[]::new));
        assertEquals(0, result.exitCode(), String.join(" ", command) + ": " + result.output());
        return result.output().strip();
    }

    /** A working copy of the brief's busybox app in {@code dir}, committed on main; answers the commit. */
    public static String busyboxApp(Path dir, String page) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("www"));
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM scratch
                COPY busybox /bin/busybox
                COPY www /www
                EXPOSE 8080
                CMD ["/bin/busybox", "sh", "-c", "exec /bin/busybox httpd -f -p $PORT -h /www"]
                """);
        Files.copy(Path.of("/bin/busybox"), dir.resolve("busybox"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("www/index.html"), page + "\n");
        Files.writeString(dir.resolve("www/up"), "ok\n");
        if (!Files.isDirectory(dir.resolve(".git"))) {
            git(dir, "init", "-q", "-b", "main");
        }
        git(dir, "add", "-A");
        git(dir, "commit", "-q", "-m", page);
        return git(dir, "rev-parse", "HEAD");
    }
}
