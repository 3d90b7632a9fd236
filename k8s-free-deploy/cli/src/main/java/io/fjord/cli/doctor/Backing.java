package io.fjord.cli.doctor;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Whether RabbitMQ, MariaDB, Redis and the nginx edge answer on their loopback ports, in their own protocol. */
final class Backing {
    static final int RABBITMQ = 5672;
    static final int MARIADB = 3306;
    static final int REDIS = 6379;
    static final int EDGE = 80;
    /** AMQP 0-9-1's protocol header: a broker answers it with a Connection.Start method frame (type 1). */
    private static final byte[] AMQP_HEADER = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};

    private Backing() {
    }

    static Verdict rabbitmq() {
        try {
            return rabbitmqVerdict(RawHttp.tcp(RABBITMQ, AMQP_HEADER, false));
        } catch (IOException e) {
            return down("rabbitmq", RABBITMQ, e);
        }
    }

    static Verdict mariadb() {
        try {
            return mariadbVerdict(RawHttp.tcp(MARIADB, new byte[0], false));
        } catch (IOException e) {
            return down("mariadb", MARIADB, e);
        }
    }

    static Verdict redis() {
        try {
            return redisVerdict(new String(RawHttp.tcp(REDIS, "PING\r\n".getBytes(StandardCharsets.US_ASCII), false),
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            return down("redis", REDIS, e);
        }
    }

    /** Asks for the platform API's routes by the API's host name, as a client would through the edge. */
    static Verdict edge(String domain) {
        try {
            return edgeVerdict(RawHttp.tcpGet(EDGE, "/api/routes", "api." + domain));
        } catch (IOException e) {
            return down("nginx edge", EDGE, e);
        }
    }

    static Verdict rabbitmqVerdict(byte[] reply) {
        if (reply.length > 0 && reply[0] == 1) {
            return Verdict.ok("rabbitmq", "AMQP 0-9-1", "answers on 127.0.0.1:" + RABBITMQ);
        }
        return Verdict.fail("rabbitmq", "no AMQP", "something on port " + RABBITMQ + " accepts connections but does not speak AMQP");
    }

    /** A MariaDB/MySQL server greets first: protocol 10 and its version; an error packet (0xff) is still a server. */
    static Verdict mariadbVerdict(byte[] greeting) {
        if (greeting.length > 5 && greeting[4] == 10) {
            int end = 5;
            while (end < greeting.length && greeting[end] != 0) {
                end++;
            }
            // MariaDB prefixes its version with "5.5.5-" for old MySQL clients.
            String version = new String(greeting, 5, end - 5, StandardCharsets.US_ASCII).replaceFirst("^5\\.5\\.5-", "");
            return Verdict.ok("mariadb", version, "answers on 127.0.0.1:" + MARIADB);
        }
        if (greeting.length > 4 && (greeting[4] & 0xff) == 0xff) {
            return Verdict.ok("mariadb", "answers", "refuses this connection, but a server runs on 127.0.0.1:" + MARIADB);
        }
        return Verdict.fail("mariadb", "no MySQL greeting", "something on port " + MARIADB + " accepts connections but is not MariaDB");
    }

    /** NOAUTH is the healthy answer: Fjord's Redis requires a password, and one that does not is a hole. */
    static Verdict redisVerdict(String reply) {
        if (reply.startsWith("-NOAUTH")) {
            return Verdict.ok("redis", "answers", "on 127.0.0.1:" + REDIS + ", password required");
        }
        if (reply.startsWith("+PONG")) {
            return Verdict.warn("redis", "answers", "PING works without a password: anything on this host can read the sessions;"
                    + " set requirepass");
        }
        return Verdict.fail("redis", "no PONG", "port " + REDIS + " answered \"" + reply.strip() + "\"");
    }

    /** Any HTTP answer means nginx runs; a 5xx means the API behind it does not answer. */
    static Verdict edgeVerdict(Optional<RawHttp.Reply> reply) {
        if (reply.isEmpty()) {
            return Verdict.fail("nginx edge", "not HTTP", "port " + EDGE + " does not answer HTTP");
        }
        int status = reply.get().status();
        if (status >= 500) {
            return Verdict.warn("nginx edge", "HTTP " + status, "nginx answers on port " + EDGE + ", the API behind it does not");
        }
        return Verdict.ok("nginx edge", "HTTP " + status, "routes the API on port " + EDGE);
    }

    private static Verdict down(String check, int port, IOException e) {
        return Verdict.fail(check, "down", "nothing answers on 127.0.0.1:" + port + " (" + reason(e) + ")");
    }

    static String reason(IOException e) {
        return e instanceof ConnectException ? "connection refused" : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
