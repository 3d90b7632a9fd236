package io.fjord.cli.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import io.fjord.cli.api.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The readiness of Fjord's four services, from their Quarkus health endpoints on loopback. */
final class Services {
    /** The contract's ports (see the shared brief); the services bind 127.0.0.1 only. */
    static final List<String[]> PORTS = List.of(
            new String[] {"build-service", "8081"},
            new String[] {"deploy-service", "8082"},
            new String[] {"proxy-config-service", "8083"},
            new String[] {"session-service", "8084"});

    private Services() {
    }

    static List<Verdict> check() {
        List<Verdict> verdicts = new ArrayList<>();
        for (String[] service : PORTS) {
            int port = Integer.parseInt(service[1]);
            try {
                verdicts.add(verdict(service[0], port, RawHttp.tcpGet(port, "/q/health/ready", "127.0.0.1:" + port)));
            } catch (IOException e) {
                verdicts.add(Verdict.fail(service[0], "down", "nothing answers on 127.0.0.1:" + port + " ("
                        + Backing.reason(e) + "); its log: /var/log/fjord/" + service[0] + ".log"));
            }
        }
        return verdicts;
    }

    /** 200 is ready; a 503 names the checks that are DOWN (the database, the bus). */
    static Verdict verdict(String service, int port, Optional<RawHttp.Reply> reply) {
        if (reply.isEmpty()) {
            return Verdict.fail(service, "not HTTP", "port " + port + " does not answer HTTP");
        }
        if (reply.get().status() == 200) {
            return Verdict.ok(service, "ready", "on 127.0.0.1:" + port);
        }
        List<String> down = new ArrayList<>();
        JsonNode health = Json.parseOrNull(reply.get().body());
        if (health != null) {
            health.path("checks").forEach(check -> {
                if (!"UP".equals(check.path("status").asText())) {
                    down.add(check.path("name").asText("?"));
                }
            });
        }
        String why = down.isEmpty() ? "answers HTTP " + reply.get().status() : "down: " + String.join(", ", down);
        return Verdict.fail(service, "not ready", why + "; its log: /var/log/fjord/" + service + ".log");
    }
}
