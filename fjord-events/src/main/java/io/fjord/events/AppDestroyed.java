package io.fjord.events;

public record AppDestroyed(String app) {
}
