package io.fjord.session.access;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a call to the platform API may pass the edge: method + URI (as the client sent it) +
 * the caller's principal (null when it presented no valid credential). Anything not named here is for
 * admins only, so a new endpoint is closed until a rule opens it.
 *
 * <ul>
 * <li>{@code /api/login}: anyone (it is how a credential is obtained).</li>
 * <li>{@code /api/logout}, {@code GET /api/apps}: any valid credential.</li>
 * <li>{@code /api/apps/{app}} and below: a deployer of the app reads and writes (but does not destroy
 * the app), a read-only user of the app reads.</li>
 * <li>{@code GET /api/builds/{id}...}: any app role. The edge cannot tell a build's app from its id:
 * build-service answers 404 for a build of an app the caller's role is not on.</li>
 * <li>{@code /api/sessions...}: the {@code sessions} or an {@code app:<app>:sessions} scope (apps using
 * the session store; session-service keeps each app's sessions apart).</li>
 * <li>Everything else, {@code POST /api/apps}, tokens, users, audit and routes included: admin.</li>
 * </ul>
 *
 * The URI must be in plain form (segments of unreserved characters, no dot segments, no percent
 * escapes, no empty segments) or it is refused: the decision must be about the very path the service
 * will route, and only plain paths mean the same to nginx, this check and Quarkus.
 */
public final class AccessPolicy {
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    /** Unreserved characters (RFC 3986), not starting with a dot: no ".", "..", or hidden tricks. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_~-][A-Za-z0-9._~-]*");

    private AccessPolicy() {
    }

    public static Decision decide(String method, String uri, Principal principal) {
        List<String> path = segments(uri);
        if (path != null && path.equals(List.of("api", "login"))) {
            return Decision.ALLOW;
        }
        if (principal == null) {
            return Decision.UNAUTHENTICATED;
        }
        if (path == null) {
            return Decision.FORBIDDEN;
        }
        if (principal.scope().kind() == Scope.Kind.ADMIN) {
            return Decision.ALLOW;
        }
        boolean read = method != null && READ_METHODS.contains(method);
        return allows(principal.scope(), read, "DELETE".equals(method), path)
                ? Decision.ALLOW : Decision.FORBIDDEN;
    }

    private static boolean allows(Scope scope, boolean read, boolean delete, List<String> path) {
        if (path.size() < 2 || !path.get(0).equals("api")) {
            return false;
        }
        String area = path.get(1);
        if (path.size() == 2 && area.equals("logout")) {
            return true;
        }
        if (area.equals("apps")) {
            if (path.size() == 2) {
                return read;
            }
            if (!scope.isAppRole() || !path.get(2).equals(scope.app())) {
                return false;
            }
            // Destroying an app is the admin's, as creating it is.
            boolean destroy = delete && path.size() == 3;
            return scope.kind() == Scope.Kind.DEPLOYER ? !destroy : read;
        }
        if (area.equals("builds")) {
            return path.size() >= 3 && read && scope.isAppRole();
        }
        if (area.equals("sessions")) {
            return scope.isSessions();
        }
        return false;
    }

    /**
     * The path's segments without the query, one trailing slash allowed; null when the path is not in
     * plain form.
     */
    static List<String> segments(String uri) {
        if (uri == null) {
            return null;
        }
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        if (!path.startsWith("/") || path.equals("/")) {
            return null;
        }
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        List<String> segments = List.of(path.substring(1).split("/", -1));
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                return null;
            }
        }
        return segments;
    }
}
