package io.fjord.events;

/** nginx refused the change; {@code reason} is what nginx said. The previous routes stay live. */
public record RoutesRejected(String app, long generation, String reason) {
}
