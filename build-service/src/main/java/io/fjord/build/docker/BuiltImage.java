package io.fjord.build.docker;

/** What deploy-service needs to know of a built image: its full id and the port it EXPOSEs (or null). */
public record BuiltImage(String id, Integer exposedPort) {
}
