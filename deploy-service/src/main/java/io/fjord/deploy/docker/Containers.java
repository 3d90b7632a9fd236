package io.fjord.deploy.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** The app containers on the Docker engine: start them, watch them, read their logs, remove them. */
@ApplicationScoped
public class Containers {
    private static final Logger LOG = Logger.getLogger(Containers.class);

    private final DockerClient docker;
    private final String network;
    /** Containers this service started whose start event has not come back yet: not news to {@link #followStarts}. */
    private final Set<String> startedHere = ConcurrentHashMap.newKeySet();

    Containers(DockerClient docker, DockerConfig config) {
        this.docker = docker;
        this.network = config.network();
    }

    /** Creates Fjord's bridge network if it is missing; a concurrent creation is fine. */
    public void ensureNetwork() {
        try {
            docker.inspectNetworkCmd().withNetworkId(network).exec();
            return;
        } catch (NotFoundException missing) {
            LOG.infof("creating the Docker network %s", network);
        }
        try {
            docker.createNetworkCmd()
                    .withName(network)
                    .withDriver("bridge")
                    .withCheckDuplicate(true)
                    .withLabels(Map.of(Labels.MANAGED, "true"))
                    .exec();
        } catch (ConflictException madeMeanwhile) {
            LOG.debugf("network %s was created meanwhile", network);
        }
    }

    /**
     * Creates and starts a container; one that fails to start is removed again. Returns its id. It is
     * not restarted yet: until it has passed its health check a crash must end the rollout with its
     * exit code, not loop; {@link #keepRunning} applies the spec's restart policy after.
     */
    public String run(ContainerSpec spec) {
        try (CreateContainerCmd create = docker.createContainerCmd(spec.image())) {
            create.withName(spec.name())
                    .withEnv(spec.env())
                    .withLabels(spec.labels())
                    .withHostConfig(spec.hostConfig());
            if (spec.command() != null) {
                create.withCmd(spec.command());
            }
            String id = create.exec().getId();
            startedHere.add(id);
            try {
                docker.startContainerCmd(id).exec();
            } catch (RuntimeException e) {
                remove(id);
                throw e;
            }
            return id;
        }
    }

    /** From now on the engine restarts the container as the spec says (it is healthy). */
    public void keepRunning(String id, ContainerSpec spec) {
        docker.updateContainerCmd(id).withRestartPolicy(RestartPolicy.parse(spec.restartPolicy())).exec();
    }

    /** The container's address on Fjord's network; empty when it has none (it is not running). */
    public Optional<String> address(String id) {
        ContainerNetwork attached = docker.inspectContainerCmd(id).exec().getNetworkSettings().getNetworks().get(network);
        return Optional.ofNullable(attached).map(ContainerNetwork::getIpAddress).filter(ip -> !ip.isEmpty());
    }

    /** Why the container is not running (any more), or empty while it runs as started. */
    public Optional<String> stopped(String id) {
        InspectContainerResponse inspect;
        try {
            inspect = docker.inspectContainerCmd(id).exec();
        } catch (NotFoundException e) {
            return Optional.of("container disappeared");
        }
        InspectContainerResponse.ContainerState state = inspect.getState();
        if (Boolean.TRUE.equals(state.getRunning())) {
            return Optional.empty();
        }
        if (Boolean.TRUE.equals(state.getOOMKilled())) {
            return Optional.of("container was killed: out of memory");
        }
        return Optional.of("container exited with code " + state.getExitCodeLong());
    }

    /** The last {@code lines} lines the container wrote (stdout and stderr). */
    public String tail(String id, int lines) {
        StringBuffer out = new StringBuffer();
        try {
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(lines)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    })
                    .awaitCompletion(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debugf("reading the log of %s failed: %s", id, e);
        }
        return out.toString();
    }

    /** Ids of the containers (running or not) carrying all these labels. */
    public List<String> find(Map<String, String> labels) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec().stream()
                .map(c -> c.getId())
                .toList();
    }

    /** Addresses on Fjord's network of the running containers carrying all these labels. */
    public List<String> runningAddresses(Map<String, String> labels) {
        return docker.listContainersCmd().withStatusFilter(List.of("running")).withLabelFilter(labels).exec().stream()
                .map(c -> c.getNetworkSettings() == null ? null : c.getNetworkSettings().getNetworks().get(network))
                .filter(n -> n != null && n.getIpAddress() != null && !n.getIpAddress().isEmpty())
                .map(ContainerNetwork::getIpAddress)
                .toList();
    }

    /** Kills and removes a container at once: for containers that never served traffic. */
    public void remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException gone) {
            LOG.debugf("container %s was already gone", id);
        } catch (ConflictException beingRemoved) {
            LOG.debugf("container %s is already being removed", id);
        }
    }

    /** SIGTERM, SIGKILL after {@code timeout}, then removal: for containers that served traffic. */
    public void stopAndRemove(String id, Duration timeout) {
        try {
            docker.stopContainerCmd(id).withTimeout((int) Math.max(0, timeout.toSeconds())).exec();
        } catch (NotFoundException | NotModifiedException alreadyStopped) {
            LOG.debugf("container %s was not running", id);
        }
        remove(id);
    }

    /** One of Fjord's app containers as the engine lists it. */
    public record AppContainer(String id, String name, String app, Integer version, String process, int n,
            boolean running, String address) {
        public String shortId() {
            return id.substring(0, Math.min(12, id.length()));
        }
    }

    /** The app's containers (running or not), or every Fjord container on Fjord's network when app is null. */
    public List<AppContainer> list(String app) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(app == null ? Map.of(Labels.MANAGED, "true") : Labels.ofApp(app))
                .withNetworkFilter(List.of(network))
                .exec().stream()
                .map(this::appContainer)
                .toList();
    }

    private AppContainer appContainer(Container c) {
        Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
        String name = c.getNames() == null || c.getNames().length == 0 ? "" : c.getNames()[0].replaceFirst("^/", "");
        int n = 1;
        int dash = name.lastIndexOf('-');
        if (dash >= 0 && name.substring(dash + 1).matches("[0-9]{1,4}")) {
            n = Integer.parseInt(name.substring(dash + 1));
        }
        Integer version = labels.getOrDefault(Labels.RELEASE, "").matches("[0-9]{1,9}")
                ? Integer.valueOf(labels.get(Labels.RELEASE)) : null;
        ContainerNetwork attached = c.getNetworkSettings() == null ? null : c.getNetworkSettings().getNetworks().get(network);
        String address = attached == null || attached.getIpAddress() == null || attached.getIpAddress().isEmpty()
                ? null : attached.getIpAddress();
        boolean running = "running".equals(c.getState());
        return new AppContainer(c.getId(), name, labels.get(Labels.APP), version, labels.get(Labels.PROCESS), n, running,
                running ? address : null);
    }

    /**
     * Runs a one-off container to its end and removes it. Returns its exit code and last output; empty
     * exit code when it did not finish within {@code limit} (it is killed).
     */
    public OneOff runToEnd(ContainerSpec spec, Duration limit, int lines) throws InterruptedException {
        String id = run(spec);
        try {
            Integer code;
            try {
                code = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback())
                        .awaitStatusCode(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
            } catch (DockerClientException timedOut) {
                code = null;
            }
            return new OneOff(code, tail(id, lines));
        } finally {
            remove(id);
        }
    }

    /** {@code exitCode} null: it did not finish in time. */
    public record OneOff(Integer exitCode, String output) {
    }

    /**
     * A file of an image, read from a container created (never started) from it; empty when the image
     * has no such file. Files bigger than {@code maxBytes} are refused.
     */
    public Optional<String> readFile(String image, String path, int maxBytes) {
        String id;
        // A command of its own: a scratch image without CMD could not be created otherwise; it never runs.
        try (CreateContainerCmd create = docker.createContainerCmd(image)) {
            id = create.withEntrypoint("/fjord-never-runs").withCmd(List.of())
                    .withLabels(Map.of(Labels.MANAGED, "true"))
                    .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none"))
                    .exec().getId();
        }
        try (InputStream tar = docker.copyArchiveFromContainerCmd(id, path).exec();
                TarArchiveInputStream entries = new TarArchiveInputStream(tar)) {
            TarArchiveEntry entry = entries.getNextEntry();
            if (entry == null || !entry.isFile()) {
                return Optional.empty();
            }
            if (entry.getSize() > maxBytes) {
                throw new IllegalArgumentException(path + " is larger than " + maxBytes + " bytes");
            }
            return Optional.of(new String(entries.readNBytes((int) entry.getSize()), StandardCharsets.UTF_8));
        } catch (NotFoundException noSuchFile) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            remove(id);
        }
    }

    /** Throws unless the engine answers. */
    public void ping() {
        docker.pingCmd().exec();
    }

    /**
     * Calls {@code started} with the app of each Fjord container the engine starts by itself (restart
     * policies, an engine restart) or someone starts by hand, until the engine's event stream ends: then
     * the engine went away, or restarted. The containers this service starts are its own doing, not news.
     */
    public void followStarts(Consumer<String> started) throws InterruptedException {
        // Starts made while no stream listened would never come back to be forgotten.
        startedHere.clear();
        docker.eventsCmd()
                .withEventTypeFilter(EventType.CONTAINER)
                .withEventFilter("start")
                .withLabelFilter(Map.of(Labels.MANAGED, "true"))
                .exec(new ResultCallback.Adapter<Event>() {
                    @Override
                    public void onNext(Event event) {
                        if (event.getId() != null && startedHere.remove(event.getId())) {
                            return;
                        }
                        String app = event.getActor() == null || event.getActor().getAttributes() == null ? null
                                : event.getActor().getAttributes().get(Labels.APP);
                        if (app != null) {
                            started.accept(app);
                        }
                    }
                })
                .awaitCompletion();
    }
}
