package io.fjord.cli.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import io.fjord.cli.api.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The Docker engine, asked over its unix socket (no docker CLI needed): alive, storage driver, data root. */
final class DockerEngine {
    static final String DEFAULT_SOCKET = "/var/run/docker.sock";
    static final String DEFAULT_ROOT = "/var/lib/docker";

    private final Path socket;

    DockerEngine(Path socket) {
        this.socket = socket;
    }

    /** The socket DOCKER_HOST names when it is a unix:// URL, else Docker's default. */
    static Path socketFrom(Map<String, String> env) {
        String host = env.get("DOCKER_HOST");
        return Path.of(host != null && host.startsWith("unix://") ? host.substring("unix://".length()) : DEFAULT_SOCKET);
    }

    Verdict ping() {
        String check = "docker engine";
        try {
            Optional<RawHttp.Reply> reply = RawHttp.unixGet(socket, "/_ping");
            if (reply.isPresent() && reply.get().status() == 200) {
                return Verdict.ok(check, "answers", "ping on " + socket);
            }
            return Verdict.fail(check, reply.map(r -> "HTTP " + r.status()).orElse("not HTTP"), "the engine on " + socket + " is unwell: see its log");
        } catch (IOException e) {
            return Verdict.fail(check, "no answer", "nothing answers on " + socket + " (" + e.getMessage() + "): start dockerd");
        }
    }

    /** The engine's /info, or empty when it does not answer. */
    Optional<JsonNode> info() {
        try {
            return RawHttp.unixGet(socket, "/info").filter(r -> r.status() == 200).map(r -> Json.parseOrNull(r.body()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Verdict storageDriverVerdict(Optional<JsonNode> info) {
        String check = "docker storage driver";
        if (info.isEmpty()) {
            return Verdict.warn(check, "unknown", "the engine does not answer; see the docker engine line");
        }
        String driver = info.get().path("Driver").asText("");
        return switch (driver) {
            case "overlay2" -> Verdict.ok(check, driver, "shares image layers through the kernel's overlayfs: fast and lean");
            case "btrfs", "zfs" -> Verdict.ok(check, driver, "copy-on-write by the filesystem: supported");
            case "vfs" -> Verdict.warn(check, driver, "copies every layer in full: builds are slow and fill the disk; "
                    + "the kernel or filesystem lacks overlayfs");
            case "fuse-overlayfs" -> Verdict.warn(check, driver, "overlay in user space: slower than overlay2");
            default -> Verdict.warn(check, driver.isEmpty() ? "unknown" : driver, "overlay2 is the driver to use");
        };
    }

    static Path rootDir(Optional<JsonNode> info) {
        return Path.of(info.map(i -> i.path("DockerRootDir").asText(DEFAULT_ROOT)).orElse(DEFAULT_ROOT));
    }
}
