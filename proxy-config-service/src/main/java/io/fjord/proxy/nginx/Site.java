package io.fjord.proxy.nginx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fjord.proxy.route.Upstream;

/**
 * One route of the edge, rendered to one file: the host names it answers to and where each path goes.
 * Apps and the platform API are both sites, so they are rendered by the same code.
 *
 * @param id the file name without {@code .conf}; an app's name, or {@code api}
 * @param serverNames the names served over plain HTTP
 * @param audience who reads the edge's own answers (404, 503): people in a browser or API clients
 * @param secure the names served over HTTPS, each with its certificate; plain HTTP for them redirects
 * @param maintenance every path answers the maintenance page instead of the locations
 * @param acme plain HTTP serves the tokens of ACME HTTP-01 challenges for the site's names
 * @param auth who decides each request first (nginx {@code auth_request}); null when nobody does
 */
public record Site(String id, List<String> serverNames, List<Location> locations, Audience audience,
        List<Secure> secure, boolean maintenance, boolean acme, EdgeAuth auth) {

    public Site {
        serverNames = List.copyOf(serverNames);
        locations = List.copyOf(locations);
        secure = List.copyOf(secure);
    }

    /** A site served over plain HTTP only, such as the platform API. */
    public Site(String id, List<String> serverNames, List<Location> locations, Audience audience, EdgeAuth auth) {
        this(id, serverNames, locations, audience, List.of(), false, false, auth);
    }

    /** The pools the locations send requests to, each once, in the order they are first used. */
    public List<Pool> pools() {
        Map<String, Pool> pools = new LinkedHashMap<>();
        for (Location location : locations) {
            if (location.pool() != null) {
                Pool known = pools.putIfAbsent(location.pool().name(), location.pool());
                if (known != null && !known.equals(location.pool())) {
                    throw new IllegalArgumentException("two different pools are named " + known.name());
                }
            }
        }
        return List.copyOf(pools.values());
    }

    public enum Audience {
        /** HTML pages with Fjord's look. */
        BROWSER,
        /** JSON {@code {"error": "..."}}, like every answer of the API. */
        API_CLIENT
    }

    /**
     * A path of the site.
     *
     * @param match nginx's location match: {@code /api/}, {@code = /up} or {@code ~ ^/api/apps/[^/]+/logs}
     * @param pool where requests go; {@code null} answers the site's 404, a pool without servers its 503
     * @param maxBodySize the largest request body, in nginx size syntax
     * @param streaming the answer is a stream (a log that follows): pass each chunk on as it arrives
     * @param open no credential asked here even when the site asks for one (login, signed webhooks)
     */
    public record Location(String match, Pool pool, String maxBodySize, boolean streaming, boolean open) {

        public Location(String match, Pool pool, String maxBodySize, boolean streaming) {
            this(match, pool, maxBodySize, streaming, false);
        }
    }

    /**
     * Every request is first put to {@code verifier}'s {@code /auth/verify}; the services get the caller it
     * names and {@code edgeSecret}, which proves the request came through the edge.
     */
    public record EdgeAuth(Pool verifier, String edgeSecret) {
    }

    /** An nginx {@code upstream}: requests are spread over its servers. */
    public record Pool(String name, List<Upstream> servers) {

        public Pool {
            servers = List.copyOf(servers);
        }
    }

    /**
     * A name served over HTTPS.
     *
     * @param certificate the PEM chain, relative to the tree
     * @param key the PEM private key, relative to the tree
     */
    public record Secure(String name, String certificate, String key) {
    }
}
