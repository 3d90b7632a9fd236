package io.fjord.cli.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs a host tool (systemd-detect-virt, timedatectl, chronyc) when it is installed. */
final class Commands {
    private Commands() {
    }

    /** The tool's output when it ran and exited 0 within 5 s; empty when it is missing, failed or hung. */
    static Optional<String> output(String... command) {
        return run(command).filter(result -> result.code == 0).map(result -> result.stdout);
    }

    /** The tool's output whatever its exit code (systemd-detect-virt prints "none" and exits 1). */
    static Optional<String> outputAnyExit(String... command) {
        return run(command).map(result -> result.stdout);
    }

    private record Result(int code, String stdout) {
    }

    private static Optional<Result> run(String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            // The tools asked here print a few lines: they fit the pipe, so reading after the wait is safe.
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return Optional.of(new Result(process.exitValue(), stdout));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
