package io.fjord.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fjord.cli.api.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the doctor makes of the answers of the platform's services and backing services. */
class ProbesTest {
    @Test
    void parsesAnHttpReply() {
        RawHttp.Reply reply = RawHttp.parse("HTTP/1.0 503 Service Unavailable\r\nContent-Type: application/json\r\n\r\n{\"status\":\"DOWN\"}"
                .getBytes(StandardCharsets.UTF_8)).orElseThrow();
        assertEquals(503, reply.status());
        assertEquals("{\"status\":\"DOWN\"}", reply.body());
        assertTrue(RawHttp.parse("+PONG\r\n".getBytes(StandardCharsets.UTF_8)).isEmpty());
        assertTrue(RawHttp.parse(new byte[0]).isEmpty());
    }

    @Test
    void aReadyServiceIsOkAndAnUnreadyOneNamesWhatIsDown() {
        assertEquals(Level.OK, Services.verdict("build-service", 8081, reply(200, "{\"status\":\"UP\"}")).level());
        Verdict down = Services.verdict("deploy-service", 8082, reply(503,
                "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"Database connections health check\",\"status\":\"DOWN\"},"
                        + "{\"name\":\"bus\",\"status\":\"UP\"}]}"));
        assertEquals(Level.FAIL, down.level());
        assertEquals("down: Database connections health check; its log: /var/log/fjord/deploy-service.log", down.detail());
        assertEquals(Level.FAIL, Services.verdict("x", 1, Optional.empty()).level());
    }

    @Test
    void rabbitmqAnswersTheAmqpHeaderWithAMethodFrame() {
        assertEquals(Level.OK, Backing.rabbitmqVerdict(new byte[] {1, 0, 0, 0, 0, 1, (byte) 0xf4}).level());
        assertEquals(Level.FAIL, Backing.rabbitmqVerdict("AMQP\0\0\t\1".getBytes(StandardCharsets.ISO_8859_1)).level());
        assertEquals(Level.FAIL, Backing.rabbitmqVerdict(new byte[0]).level());
    }

    @Test
    void mariadbGreetsWithItsVersion() {
        byte[] greeting = greeting("5.5.5-10.11.6-MariaDB-0+deb12u1");
        Verdict v = Backing.mariadbVerdict(greeting);
        assertEquals(Level.OK, v.level());
        assertEquals("10.11.6-MariaDB-0+deb12u1", v.figure());
        assertEquals("8.4.3", Backing.mariadbVerdict(greeting("8.4.3")).figure());
        assertEquals(Level.OK, Backing.mariadbVerdict(new byte[] {0x17, 0, 0, 0, (byte) 0xff, 0x6a, 0x04}).level());
        assertEquals(Level.FAIL, Backing.mariadbVerdict("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII)).level());
    }

    @Test
    void redisMustAskForAPassword() {
        assertEquals(Level.OK, Backing.redisVerdict("-NOAUTH Authentication required.\r\n").level());
        assertEquals(Level.WARN, Backing.redisVerdict("+PONG\r\n").level());
        assertEquals(Level.FAIL, Backing.redisVerdict("HTTP/1.1 400 Bad Request\r\n").level());
    }

    @Test
    void anyHttpAnswerMeansNginxRuns() {
        assertEquals(Level.OK, Backing.edgeVerdict(reply(200, "[]")).level());
        assertEquals("HTTP 401", Backing.edgeVerdict(reply(401, "")).figure());
        assertEquals(Level.WARN, Backing.edgeVerdict(reply(502, "")).level());
        assertEquals(Level.FAIL, Backing.edgeVerdict(Optional.empty()).level());
    }

    @Test
    void overlay2IsTheStorageDriverToUse() throws Exception {
        assertEquals(Level.OK, DockerEngine.storageDriverVerdict(info("{\"Driver\":\"overlay2\"}")).level());
        assertEquals(Level.WARN, DockerEngine.storageDriverVerdict(info("{\"Driver\":\"vfs\"}")).level());
        assertEquals(Level.WARN, DockerEngine.storageDriverVerdict(info("{\"Driver\":\"devicemapper\"}")).level());
        assertEquals(Level.WARN, DockerEngine.storageDriverVerdict(Optional.empty()).level());
        assertEquals(Path.of("/srv/docker"), DockerEngine.rootDir(info("{\"DockerRootDir\":\"/srv/docker\"}")));
        assertEquals(Path.of("/var/lib/docker"), DockerEngine.rootDir(Optional.empty()));
    }

    @Test
    void findsTheDockerSocket() {
        assertEquals(Path.of("/var/run/docker.sock"), DockerEngine.socketFrom(Map.of()));
        assertEquals(Path.of("/run/user/1000/docker.sock"), DockerEngine.socketFrom(Map.of("DOCKER_HOST", "unix:///run/user/1000/docker.sock")));
        assertEquals(Path.of("/var/run/docker.sock"), DockerEngine.socketFrom(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375")));
    }

    private static Optional<RawHttp.Reply> reply(int status, String body) {
        return Optional.of(new RawHttp.Reply(status, body));
    }

    private static Optional<JsonNode> info(String json) throws Exception {
        return Optional.of(Json.MAPPER.readTree(json));
    }

    /** A MySQL protocol v10 handshake packet's start: 3-byte length, sequence, protocol 10, version, NUL. */
    private static byte[] greeting(String version) {
        byte[] v = version.getBytes(StandardCharsets.US_ASCII);
        byte[] packet = new byte[5 + v.length + 1 + 4];
        packet[0] = (byte) (packet.length - 4);
        packet[4] = 10;
        System.arraycopy(v, 0, packet, 5, v.length);
        return packet;
    }
}
