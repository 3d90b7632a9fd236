package io.fjord.events;

/** A release changed state; {@code reason} is set when it failed. */
public record ReleaseEvent(String app, int version, Long buildId, String image, String reason) {
}
