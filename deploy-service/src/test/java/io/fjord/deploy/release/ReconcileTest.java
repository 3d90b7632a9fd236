package io.fjord.deploy.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.github.dockerjava.api.DockerClient;

import io.fjord.deploy.TestApp;
import io.fjord.deploy.TestDocker;
import io.fjord.deploy.docker.ContainerSettings;
import io.fjord.deploy.docker.ContainerSpec;
import io.fjord.deploy.docker.Containers;
import io.fjord.deploy.docker.DockerConfig;
import io.fjord.deploy.docker.Labels;
import io.fjord.events.RoutesChanged;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Reconciliation on the real engine: what is missing is recreated and announced, what is orphaned is
 * removed, and what a crash in the middle of a rollout leaves ends consistent with the app serving.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconcileTest {
    @Inject
    DockerClient docker;
    @Inject
    DockerConfig dockerConfig;
    @Inject
    Reconciliation reconciliation;
    @Inject
    Recovery recovery;
    @Inject
    Containers containers;

    private TestApp app;
    private String ghost;
    private RoutesChanged.Upstream web;

    @BeforeAll
    void ghostName() {
        ghost = TestDocker.randomName("ghost");
    }

    @AfterAll
    void cleanUp() throws Exception {
        if (app != null) {
            app.close();
        }
        TestDocker.cleanUp(docker, ghost, dockerConfig.network());
    }

    @Test
    @Order(1)
    void aContainerRemovedByHandIsRecreatedAndItsRouteAnnounced() throws Exception {
        // Here, not in @BeforeAll: the REST client knows the test port once a test runs.
        app = TestApp.create(docker, dockerConfig.network(), "rec");
        int v1 = app.build(1, app.image(1, "hello v1", true, Map.of()), Map.of());
        web = app.goLive(v1).upstreams().get(0);
        String id = TestDocker.containers(docker, Labels.ofRelease(app.name, v1)).get(0);

        docker.removeContainerCmd(id).withForce(true).exec();
        reconciliation.all(false);

        TestDocker.eventually("v1's web container is recreated", TestApp.WAIT, () -> {
            List<String> ids = TestDocker.containers(docker, Labels.ofRelease(app.name, v1));
            return ids.size() == 1 && !ids.get(0).equals(id) && TestDocker.running(docker, ids.get(0));
        });
        String recreated = TestDocker.containers(docker, Labels.ofRelease(app.name, v1)).get(0);
        String address = docker.inspectContainerCmd(recreated).exec().getNetworkSettings().getNetworks()
                .get(dockerConfig.network()).getIpAddress();
        if (!address.equals(web.host())) {
            // The engine often hands the freed address out again; when it did not, the route moves.
            RoutesChanged again = app.routes();
            assertEquals(List.of(new RoutesChanged.Upstream(address, web.port())), again.upstreams());
            app.apply(again);
        }
        web = new RoutesChanged.Upstream(address, web.port());
        assertEquals("hello v1", TestDocker.page(web.host(), web.port()));
    }

    @Test
    @Order(2)
    void orphansAreRemovedAndTheLiveContainersKept() throws Exception {
        String image = TestDocker.buildImage(docker, app.name, 1, "hello v1", true);
        ContainerSettings settings = new ContainerSettings(dockerConfig.network(), 64L * 1024 * 1024, 0, 64, List.of(),
                "1m", 1, true);
        // A retired release's container a crash left behind, and one of an app that no longer exists.
        containers.run(ContainerSpec.process(app.name, 99, "web", 1, image, 5000, Map.of(), Map.of(), settings));
        containers.run(ContainerSpec.process(ghost, 1, "web", 1, image, 5000, Map.of(), Map.of(), settings));
        String live = TestDocker.containers(docker, Labels.ofRelease(app.name, app.version)).get(0);

        reconciliation.all(false);

        TestDocker.eventually("the orphans are removed", TestApp.WAIT,
                () -> TestDocker.containers(docker, Labels.ofRelease(app.name, 99)).isEmpty()
                        && TestDocker.containers(docker, Labels.ofApp(ghost)).isEmpty());
        assertEquals(List.of(live), TestDocker.containers(docker, Labels.ofApp(app.name)));
        assertEquals("hello v1", TestDocker.page(web.host(), web.port()));
    }

    @Test
    @Order(3)
    void aFjordContainerThatStartsHasItsAppReconciledAtOnce() throws Exception {
        String image = TestDocker.buildImage(docker, app.name, 1, "hello v1", true);
        ContainerSettings settings = new ContainerSettings(dockerConfig.network(), 64L * 1024 * 1024, 0, 64, List.of(),
                "1m", 1, true);
        // As an engine restart brings back a container a crash left behind: no reconciliation round is
        // due (they are off in tests), the engine's start event alone gets it removed.
        String id = containers.run(ContainerSpec.process(app.name, 98, "web", 1, image, 5000, Map.of(), Map.of(), settings));
        docker.stopContainerCmd(id).withTimeout(1).exec();
        docker.startContainerCmd(id).exec();

        TestDocker.eventually("the container that started is reconciled away", TestApp.WAIT,
                () -> TestDocker.containers(docker, Labels.ofRelease(app.name, 98)).isEmpty());
        assertEquals("hello v1", TestDocker.page(web.host(), web.port()));
    }

    @Test
    @Order(4)
    void aCrashInTheMiddleOfARolloutEndsConsistentAfterRecovery() throws Exception {
        int v2 = app.build(2, app.image(2, "hello v2", true, Map.of()), Map.of());
        RoutesChanged switching = app.routes();
        // As a SIGKILL during the switch leaves it: v2 switching, both releases' containers running. On
        // start, recovery resumes the wait and reconciliation announces routes once the release settles.
        recovery.recover();
        reconciliation.all(true);
        app.apply(switching);
        app.succeeded(v2);
        TestDocker.eventually("v1 is retired", TestApp.WAIT,
                () -> TestDocker.containers(docker, Labels.ofRelease(app.name, 1)).isEmpty());
        RoutesChanged announced = app.routes();
        assertEquals(switching.upstreams(), announced.upstreams(), "the reconciliation after the start names v2");
        app.apply(announced);
        web = announced.upstreams().get(0);
        assertEquals("hello v2", TestDocker.page(web.host(), web.port()));
        assertTrue(TestDocker.containers(docker, Labels.ofApp(app.name)).size() == 1);
    }

    @Test
    @Order(5)
    void destroyingTheAppRemovesItsContainers() {
        app.destroy();
    }
}
