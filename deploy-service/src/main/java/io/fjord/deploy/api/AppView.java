package io.fjord.deploy.api;

import java.time.Instant;

/**
 * An app as the API shows it. {@code status}: {@code new} (nothing live yet), {@code deploying} (a
 * release is on its way), {@code live}; {@code release} is the live version, or null.
 */
public record AppView(String name, String status, Integer release, String url, Instant createdAt) {
}
