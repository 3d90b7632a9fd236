package io.fjord.build.app;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The platform's rule for app names. deploy-service owns apps and validates names on creation; this
 * service checks names again before it uses one in a path or a Docker call.
 */
public final class AppNames {
    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{1,29}$");
    private static final Set<String> RESERVED = Set.of("api", "www", "admin", "git", "fjord", "static", "assets",
            "status");

    private AppNames() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches() && !RESERVED.contains(name);
    }
}
