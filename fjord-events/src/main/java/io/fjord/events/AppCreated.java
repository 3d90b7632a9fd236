package io.fjord.events;

public record AppCreated(String app) {
}
