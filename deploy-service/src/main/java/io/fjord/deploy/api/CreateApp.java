package io.fjord.deploy.api;

/** The body of {@code POST /api/apps}. */
public record CreateApp(String name) {
}
