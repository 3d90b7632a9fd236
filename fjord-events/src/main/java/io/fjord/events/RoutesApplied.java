package io.fjord.events;

public record RoutesApplied(String app, long generation) {
}
