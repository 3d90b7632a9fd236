package io.fjord.deploy.config;

import java.util.List;

/**
 * Data of {@code config.changed}: the app's config vars are now at {@code version}; {@code keys} names
 * the vars set or removed. Never values. (To move into fjord-events with the routing key.)
 */
public record ConfigChanged(String app, int version, List<String> keys) {
    public static final String ROUTING_KEY = "config.changed";
}
