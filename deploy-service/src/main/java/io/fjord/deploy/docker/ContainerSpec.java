package io.fjord.deploy.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.RestartPolicy;

/**
 * Everything Fjord asks of the engine for one app container, decided here and nowhere else so it can
 * be checked without an engine. There is deliberately no field for mounts or published ports: app
 * containers never get the Docker socket, and nginx reaches them on the network, not on a host port.
 */
public record ContainerSpec(
        String name,
        String image,
        List<String> env,
        /** null runs the image's own CMD */
        List<String> command,
        Map<String, String> labels,
        String network,
        long memoryBytes,
        long nanoCpus,
        long pidsLimit,
        List<String> capAdd,
        /** applied once the container is healthy */
        String restartPolicy,
        String logDriver,
        Map<String, String> logOptions,
        List<String> securityOpts,
        boolean init) {

    public static final String WEB = "web";
    /** The Procfile's one-off process run before the switch; never a long-running container. */
    public static final String RELEASE = "release";

    /**
     * Container {@code n} of a process type of a release. A Procfile command runs through
     * {@code /bin/sh -c} as Heroku does (so {@code $PORT} expands); a web type without one runs the
     * image's CMD. Every process gets {@code PORT} and the app's config vars.
     */
    public static ContainerSpec process(String app, int version, String process, int n, String image, int port,
            Map<String, String> processes, Map<String, String> vars, ContainerSettings settings) {
        String procfile = processes == null ? null : processes.get(process);
        List<String> command = procfile == null || procfile.isBlank() ? null : List.of("/bin/sh", "-c", procfile);
        boolean oneOff = RELEASE.equals(process);
        return new ContainerSpec(
                name(app, version, process, n),
                image,
                env(port, vars),
                command,
                Labels.ofProcess(app, version, process),
                settings.network(),
                settings.memoryBytes(),
                settings.nanoCpus(),
                settings.pidsLimit(),
                List.copyOf(settings.capAdd()),
                oneOff ? "no" : "unless-stopped",
                "json-file",
                Map.of("max-size", settings.logMaxSize(), "max-file", Integer.toString(settings.logMaxFile())),
                List.of("no-new-privileges"),
                settings.init());
    }

    /** {@code fjord-<app>-v<version>-<process>-<n>} */
    public static String name(String app, int version, String process, int n) {
        return "fjord-" + app + "-v" + version + "-" + process + "-" + n;
    }

    /**
     * What the engine is asked for, with the restart policy off: until the container has passed its
     * health check a crash must end the rollout with its exit code, not loop.
     */
    public HostConfig hostConfig() {
        return HostConfig.newHostConfig()
                .withNetworkMode(network)
                .withRestartPolicy(RestartPolicy.noRestart())
                .withMemory(memoryBytes)
                // Same as the memory limit: no swap on top of it.
                .withMemorySwap(memoryBytes)
                .withNanoCPUs(nanoCpus > 0 ? nanoCpus : null)
                .withPidsLimit(pidsLimit)
                .withCapDrop(Capability.ALL)
                .withCapAdd(capAdd.stream().map(Capability::valueOf).toArray(Capability[]::new))
                .withLogConfig(new LogConfig(LogConfig.LoggingType.fromValue(logDriver), logOptions))
                .withSecurityOpts(securityOpts)
                .withInit(init);
    }

    /** Without the environment: config vars are secrets, and a spec may end up in a log line. */
    @Override
    public String toString() {
        return "ContainerSpec[" + name + ", " + image + "]";
    }

    private static List<String> env(int port, Map<String, String> vars) {
        List<String> env = new ArrayList<>();
        env.add("PORT=" + port);
        new TreeMap<>(vars == null ? Map.<String, String>of() : vars).forEach((key, value) -> env.add(key + "=" + value));
        return List.copyOf(env);
    }
}
