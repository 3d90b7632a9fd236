package io.fjord.cli.git;

import java.net.URI;

/** The push URLs of Fjord's git remotes, and the app a remote URL points at. */
public final class RemoteUrls {
    public static final String DEFAULT_REMOTE = "fjord";
    /** Where build-service keeps the bare repositories on the platform's host. */
    public static final String LOCAL_ROOT = "/var/lib/fjord/git";

    private RemoteUrls() {
    }

    /** {@code ssh://git@host[:port]/app.git}: the git user's forced command hands the push to build-service. */
    public static String ssh(String host, String app) {
        return "ssh://git@" + host + "/" + app + ".git";
    }

    /** The bare repository itself, for pushing on the platform's own host. */
    public static String local(String app) {
        return LOCAL_ROOT + "/" + app + ".git";
    }

    /**
     * The platform host for git over SSH, from the API's URL: {@code http://api.example.com} means the platform
     * answers at {@code example.com}; any other API host is the platform host itself.
     */
    public static String platformHost(URI api) {
        String host = api.getHost();
        return host.startsWith("api.") ? host.substring(4) : host;
    }

    /** The app a remote URL pushes to: its last segment {@code <app>.git}; null for a URL of another shape. */
    public static String appOf(String url) {
        String path = url.trim().replaceAll("/+$", "");
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf(':'));
        String last = path.substring(slash + 1);
        return last.endsWith(".git") && last.length() > 4 ? last.substring(0, last.length() - 4) : null;
    }
}
