package io.fjord.deploy.docker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;

class ContainerSpecTest {
    private static final ContainerSettings SETTINGS = new ContainerSettings("fjord", 512L * 1024 * 1024, 1_000_000_000L,
            512, List.of(), "10m", 3, true);

    private static ContainerSpec web(int version, String image, int port, Map<String, String> processes) {
        return ContainerSpec.process("shop", version, "web", 1, image, port, processes, Map.of(), SETTINGS);
    }

    @Test
    void webContainerWithoutProcfileRunsTheImageCmd() {
        ContainerSpec spec = web(7, "sha256:abc", 5000, Map.of());

        assertEquals("fjord-shop-v7-web-1", spec.name());
        assertEquals("sha256:abc", spec.image());
        assertEquals(List.of("PORT=5000"), spec.env());
        assertNull(spec.command());
        assertEquals(Map.of("io.fjord.managed", "true", "io.fjord.app", "shop", "io.fjord.release", "7",
                "io.fjord.process", "web"), spec.labels());
    }

    @Test
    void procfileWebCommandRunsThroughTheShell() {
        ContainerSpec spec = web(2, "fjord/shop:9", 8080, Map.of("web", "exec ./server --port $PORT", "worker", "./work"));

        assertEquals(List.of("/bin/sh", "-c", "exec ./server --port $PORT"), spec.command());
        assertEquals(List.of("PORT=8080"), spec.env());
    }

    @Test
    void blankOrMissingProcfileFallsBackToTheImageCmd() {
        assertNull(web(1, "i", 5000, Map.of("web", "  ")).command());
        assertNull(web(1, "i", 5000, null).command());
        assertNull(web(1, "i", 5000, Map.of("worker", "./work")).command());
    }

    @Test
    void everyProcessGetsPortAndTheConfigVarsInKeyOrder() {
        ContainerSpec spec = ContainerSpec.process("shop", 3, "worker", 2, "i", 5000, Map.of("worker", "./work"),
                Map.of("ZED", "z", "API_KEY", "s3cret"), SETTINGS);

        assertEquals("fjord-shop-v3-worker-2", spec.name());
        assertEquals(List.of("PORT=5000", "API_KEY=s3cret", "ZED=z"), spec.env());
        assertEquals(List.of("/bin/sh", "-c", "./work"), spec.command());
        assertEquals("worker", spec.labels().get("io.fjord.process"));
        assertEquals("unless-stopped", spec.restartPolicy());
        assertFalse(spec.toString().contains("s3cret"), "a spec in a log line never shows config values");
    }

    @Test
    void theReleaseCommandRunsOnceAndIsNeverRestarted() {
        ContainerSpec spec = ContainerSpec.process("shop", 4, "release", 1, "i", 5000,
                Map.of("web", "./serve", "release", "./migrate"), Map.of(), SETTINGS);

        assertEquals("fjord-shop-v4-release-1", spec.name());
        assertEquals(List.of("/bin/sh", "-c", "./migrate"), spec.command());
        assertEquals("no", spec.restartPolicy());
    }

    @Test
    void containersAreHardenedAndOnlyOnFjordsNetwork() {
        ContainerSpec spec = web(1, "i", 5000, Map.of());

        assertEquals("fjord", spec.network());
        assertEquals(512L * 1024 * 1024, spec.memoryBytes());
        assertEquals("unless-stopped", spec.restartPolicy());
        assertEquals("json-file", spec.logDriver());
        assertEquals(Map.of("max-size", "10m", "max-file", "3"), spec.logOptions());
        assertEquals(List.of("no-new-privileges"), spec.securityOpts());
        assertTrue(spec.init());

        HostConfig host = spec.hostConfig();
        assertEquals("fjord", host.getNetworkMode());
        assertEquals(512L * 1024 * 1024, host.getMemory());
        assertEquals(512L * 1024 * 1024, host.getMemorySwap(), "no swap beyond the memory limit");
        assertEquals(1_000_000_000L, host.getNanoCPUs());
        assertEquals(512L, host.getPidsLimit());
        assertArrayEquals(new Capability[] { Capability.ALL }, host.getCapDrop());
        assertEquals(0, host.getCapAdd().length);
        assertEquals(List.of("no-new-privileges"), host.getSecurityOpts());
        assertEquals(RestartPolicy.noRestart(), host.getRestartPolicy(), "restarts only once healthy");
        assertEquals("json-file", host.getLogConfig().getType().getType());
        assertTrue(host.getInit());
    }

    @Test
    void anAppGetsBackOnlyTheCapabilitiesItAskedFor() {
        ContainerSettings settings = new ContainerSettings("fjord", 1, 0, 512, List.of("NET_BIND_SERVICE", "CHOWN"), "1m",
                1, true);

        HostConfig host = ContainerSpec.process("shop", 1, "web", 1, "i", 80, Map.of(), Map.of(), settings).hostConfig();

        assertArrayEquals(new Capability[] { Capability.ALL }, host.getCapDrop());
        assertEquals(List.of(Capability.NET_BIND_SERVICE, Capability.CHOWN), Arrays.asList(host.getCapAdd()));
        assertNull(host.getNanoCPUs(), "0 cpus: no CPU limit");
    }

    @Test
    void theDockerSocketIsNeverMountedNorAPortPublished() throws Exception {
        ContainerSpec spec = ContainerSpec.process("shop", 1, "web", 1, "i", 5000, Map.of("web", "./serve"),
                Map.of("DOCKER_HOST", "unix:///var/run/docker.sock"), SETTINGS);
        HostConfig host = spec.hostConfig();

        assertTrue(host.getBinds() == null || host.getBinds().length == 0);
        assertNull(host.getMounts());
        assertNull(host.getVolumesFrom());
        assertNull(host.getDevices());
        assertNull(host.getPortBindings());
        assertFalse(Boolean.TRUE.equals(host.getPrivileged()));
        assertFalse(Boolean.TRUE.equals(host.getPublishAllPorts()));
        String json = new ObjectMapper().writeValueAsString(host);
        assertFalse(json.contains("docker.sock"), json);
        // The spec has no way to ask for a mount at all.
        assertTrue(Arrays.stream(ContainerSpec.class.getRecordComponents()).map(c -> c.getName().toLowerCase())
                .noneMatch(name -> name.contains("mount") || name.contains("volume") || name.contains("bind")
                        || name.contains("port") && !name.equals("port")));
    }
}
