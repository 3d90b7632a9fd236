package io.fjord.proxy.nginx;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/** The nginx binary: validates a configuration, starts the edge or reloads it, stops it. */
@ApplicationScoped
public class NginxProcess {
    private static final Logger LOG = Logger.getLogger(NginxProcess.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final NginxConfig config;
    private final EdgeSettings settings;
    private final AtomicLong loads = new AtomicLong();

    /** The outcome of {@code nginx -t}. */
    public record Check(boolean passed, NginxOutput output) {
    }

    private record Result(int exitCode, String output) {
    }

    NginxProcess(NginxConfig config, EdgeSettings settings) {
        this.config = config;
        this.settings = settings;
    }

    /**
     * {@code nginx -t} on a whole configuration. Its paths under {@code roots} are shown relative in
     * the messages.
     */
    public Check test(Path conf, Path... roots) {
        Result result = run("-t", "-c", conf.toString());
        NginxOutput output = NginxOutput.parse(result.output(), roots);
        return new Check(result.exitCode() == 0, output);
    }

    /**
     * Makes the running edge take the live configuration, or starts it when it does not run. Returns
     * once new connections are served with it.
     */
    public void startOrReload() {
        Optional<ProcessHandle> master = master();
        if (master.isPresent()) {
            reload(master.get());
        } else {
            start();
        }
    }

    public boolean running() {
        return master().isPresent();
    }

    /**
     * How many times this process made nginx load its configuration (starts and reloads). A change that
     * went live carries the number of the load that made it live, so changes applied together share one.
     */
    public long loads() {
        return loads.get();
    }

    /**
     * Lets nginx finish the requests in flight and stop. The platform's edge outlives restarts of this
     * service, so only an operator or a test stops it.
     */
    public void quit() {
        Optional<ProcessHandle> master = master();
        if (master.isEmpty()) {
            return;
        }
        Result result = run("-c", settings.mainConfig().toString(), "-s", "quit");
        if (result.exitCode() != 0 || !await(() -> !master.get().isAlive())) {
            LOG.warnf("nginx (pid %d) did not stop: %s", master.get().pid(),
                    NginxOutput.parse(result.output()).reason("no message"));
        }
    }

    private void start() {
        Result result = run("-c", settings.mainConfig().toString());
        if (result.exitCode() != 0) {
            throw new NginxException("nginx did not start: "
                    + NginxOutput.parse(result.output(), settings.dir()).reason("exit code " + result.exitCode()));
        }
        // The command returns once nginx has forked into the background; the master then writes its pid.
        if (!await(this::running)) {
            throw new NginxException("nginx did not come up within " + config.reloadTimeout().toSeconds()
                    + " s; its error log is " + settings.errorLog());
        }
        loads.incrementAndGet();
        LOG.infof("nginx started with %s", settings.mainConfig());
    }

    /**
     * Signals a reload, then waits until every worker that ran before has stopped accepting. nginx
     * starts new workers once it has read the new configuration, then tells the old ones to close their
     * listening sockets and finish what they serve: from then on every new connection sees the change.
     * (Waiting for the old workers to exit could take as long as a WebSocket stays open.)
     */
    private void reload(ProcessHandle master) {
        List<ProcessHandle> before = master.children().toList();
        Result result = run("-c", settings.mainConfig().toString(), "-s", "reload");
        if (result.exitCode() != 0) {
            throw new NginxException("nginx refused to reload: "
                    + NginxOutput.parse(result.output(), settings.dir()).reason("exit code " + result.exitCode()));
        }
        if (!await(() -> !master.isAlive() || before.stream().allMatch(NginxProcess::retiring))) {
            throw new NginxException("nginx did not take the new configuration within "
                    + config.reloadTimeout().toSeconds() + " s; its error log " + settings.errorLog() + " says why");
        }
        if (!master.isAlive()) {
            throw new NginxException("nginx stopped while reloading; its error log is " + settings.errorLog());
        }
        loads.incrementAndGet();
        LOG.debugf("nginx (pid %d) reloaded", master.pid());
    }

    /**
     * A worker that has gone, or that shows the title nginx gives a worker right before it closes its
     * listening sockets (there is no other outside sign of it).
     */
    private static boolean retiring(ProcessHandle worker) {
        try {
            return !worker.isAlive()
                    || Files.readString(Path.of("/proc", Long.toString(worker.pid()), "cmdline")).contains("shutting down");
        } catch (IOException gone) {
            return true;
        }
    }

    /** The master named by the pid file, if it runs and is nginx (a stale file may name another process). */
    private Optional<ProcessHandle> master() {
        Path pidFile = settings.pidFile();
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().command()
                            .map(command -> Path.of(command).getFileName().toString().startsWith("nginx"))
                            .orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private boolean await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + config.reloadTimeout().toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return condition.getAsBoolean();
            }
        }
        return true;
    }

    /**
     * Runs nginx with its output in a file rather than a pipe: a starting nginx forks into the
     * background, and a pipe it kept open would never reach its end.
     */
    private Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(config.binary());
        command.addAll(List.of(args));
        Path output = null;
        try {
            output = Files.createTempFile("fjord-nginx-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            // The service's environment holds the platform's secrets; nginx needs none of it.
            builder.environment().keySet().retainAll(Set.of("PATH", "TZ"));
            Process process = builder.start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new NginxException(String.join(" ", command) + " did not finish within "
                        + COMMAND_TIMEOUT.toSeconds() + " s");
            }
            return new Result(process.exitValue(), Files.readString(output));
        } catch (IOException e) {
            throw new NginxException("nginx could not be run (" + config.binary() + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NginxException("interrupted while running nginx", e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    LOG.debugf("could not delete %s", output);
                }
            }
        }
    }
}
