package io.fjord.events;

public record BuildFailed(String app, long buildId, String commit, String reason) {
}
