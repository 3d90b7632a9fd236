package io.fjord.cli.apps;

import java.net.URI;

/** Where an app answers: {@code <app>.<FJORD_DOMAIN>}, known from the API's own name {@code api.<FJORD_DOMAIN>}. */
final class WebUrl {
    private WebUrl() {
    }

    /** The app's URL, or null when the API is not reached by its {@code api.} name (an address, a tunnel). */
    static String of(URI api, String app) {
        String host = api.getHost();
        if (!host.startsWith("api.")) {
            return null;
        }
        String port = api.getPort() < 0 ? "" : ":" + api.getPort();
        return api.getScheme() + "://" + app + "." + host.substring(4) + port + "/";
    }
}
