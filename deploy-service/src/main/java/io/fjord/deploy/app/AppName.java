package io.fjord.deploy.app;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rule for app names. A name becomes a host name, a container and image name, a label and a path,
 * so it is kept to lowercase letters, digits and dashes; names the platform uses itself are reserved.
 */
public final class AppName {
    public static final Pattern PATTERN = Pattern.compile("^[a-z][a-z0-9-]{1,29}$");
    public static final int MAX_LENGTH = 30;
    public static final Set<String> RESERVED = Set.of("api", "www", "admin", "git", "fjord", "static", "assets", "status");

    private AppName() {
    }

    /** What is wrong with the name, in words for the person who chose it; empty when it is fine. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("name is required");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("app name is too long: at most " + MAX_LENGTH + " characters");
        }
        if (!PATTERN.matcher(name).matches()) {
            return Optional.of("app name must be 2 to 30 lowercase letters, digits or dashes, starting with a letter ("
                    + PATTERN.pattern() + ")");
        }
        if (RESERVED.contains(name)) {
            return Optional.of("app name '" + name + "' is reserved by Fjord");
        }
        return Optional.empty();
    }

    public static boolean isValid(String name) {
        return problem(name).isEmpty();
    }
}
