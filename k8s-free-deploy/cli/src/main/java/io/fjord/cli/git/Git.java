package io.fjord.cli.git;

import io.fjord.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs the user's own {@code git} in the current directory, as they would type it. */
public final class Git {
    private Git() {
    }

    /** The trimmed output of a git command that succeeded, else empty (not a repository, no such remote). */
    public static Optional<String> output(String... args) {
        Result result = run(args);
        return result.code == 0 && !result.stdout.isBlank() ? Optional.of(result.stdout.trim()) : Optional.empty();
    }

    /** Runs a git command that must succeed; its own error message becomes ours. */
    public static void mustRun(String... args) {
        Result result = run(args);
        if (result.code != 0) {
            String message = result.stderr.isBlank() ? "exit code " + result.code : result.stderr.trim();
            throw new CliException("git " + String.join(" ", args) + " failed: " + message);
        }
    }

    private record Result(int code, String stdout, String stderr) {
    }

    private static Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            // git's answers here are one line: reading stdout then stderr cannot fill a pipe and block.
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new CliException("git " + String.join(" ", args) + " did not finish within 30 s");
            }
            return new Result(process.exitValue(), stdout, stderr);
        } catch (IOException e) {
            throw new CliException("cannot run git (is it installed?): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }
}
