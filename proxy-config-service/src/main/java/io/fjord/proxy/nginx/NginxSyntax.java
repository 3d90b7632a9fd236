package io.fjord.proxy.nginx;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What may reach an nginx file. The renderer passes every value it writes through one of these checks,
 * so no input (an app name, an upstream from an event, a setting) can ever become nginx syntax. Each
 * check returns the value or throws {@link IllegalArgumentException} naming what is wrong.
 */
public final class NginxSyntax {
    private static final Pattern APP_NAME = Pattern.compile("[a-z][a-z0-9-]{1,29}");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
    private static final Pattern POOL = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Pattern PREFIX = Pattern.compile("(= )?/[A-Za-z0-9._~/-]*");
    private static final Pattern REGEX = Pattern.compile("~ \\^?/[A-Za-z0-9._~/^\\[\\]+*?()|-]*");
    private static final Pattern SIZE = Pattern.compile("[1-9][0-9]{0,5}[km]?");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._/+@-]*");
    private static final Pattern CONTENT_TYPE = Pattern.compile("[a-z]+/[a-z0-9.+-]+");
    private static final Pattern RELATIVE_FILE = Pattern.compile("[a-z0-9_][a-z0-9._/-]*");

    private NginxSyntax() {
    }

    public static boolean isAppName(String name) {
        return name != null && APP_NAME.matcher(name).matches();
    }

    public static String appName(String name) {
        return require(isAppName(name), name, "is not an app name (^[a-z][a-z0-9-]{1,29}$)");
    }

    /** A DNS host name in lower case: labels of 1-63 letters, digits and inner hyphens, 253 at most. */
    public static String hostName(String name) {
        boolean valid = name != null && name.length() <= 253 && !DIGITS_AND_DOTS.matcher(name).matches();
        if (valid) {
            for (String label : name.split("\\.", -1)) {
                valid &= LABEL.matcher(label).matches();
            }
        }
        return require(valid, name, "is not a host name");
    }

    /** A name nginx answers to: a host name, or a wildcard {@code *.example.com} for every name one label below. */
    public static String serverName(String name) {
        if (name != null && name.startsWith("*.")) {
            hostName(name.substring(2));
            return name;
        }
        return hostName(name);
    }

    /**
     * A file of Fjord's tree relative to nginx.conf ({@code certs/shop/www.shop.example.crt}): nginx resolves
     * it against the directory of the configuration it loads, so a candidate finds its own copy.
     */
    public static String relativeFile(String file) {
        boolean valid = file != null && RELATIVE_FILE.matcher(file).matches() && !file.contains("..")
                && !file.contains("//") && !file.endsWith("/");
        return require(valid, file, "is not a file path inside Fjord's nginx tree");
    }

    /**
     * Where nginx connects: an IPv4 address or a host name (either case). A name of digits and dots must
     * be a real IPv4 address, so {@code 999.1.1.1} is refused here instead of being looked up as a name.
     */
    public static String upstreamHost(String host) {
        if (host != null && DIGITS_AND_DOTS.matcher(host).matches()) {
            return require(IPV4.matcher(host).matches(), host, "is not an IPv4 address");
        }
        try {
            hostName(host == null ? null : host.toLowerCase(Locale.ROOT));
            return host;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(quote(host) + " is not an IPv4 address or host name");
        }
    }

    public static int port(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
        return port;
    }

    /** A worker's open file limit: enough for a few hundred connections, at most what Linux allows. */
    public static int fileLimit(int limit) {
        if (limit < 256 || limit > 1 << 20) {
            throw new IllegalArgumentException("an open file limit of " + limit + " is outside 256..1048576");
        }
        return limit;
    }

    /** nginx's {@code listen}: a port, or an IPv4 address and a port. */
    public static String listen(String listen) {
        String port = listen;
        if (listen != null && listen.contains(":")) {
            String address = listen.substring(0, listen.lastIndexOf(':'));
            require(IPV4.matcher(address).matches(), listen, "is not a port or IPv4:port to listen on");
            port = listen.substring(listen.lastIndexOf(':') + 1);
        }
        try {
            port(Integer.parseInt(port));
            return listen;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(quote(listen) + " is not a port or IPv4:port to listen on");
        }
    }

    /** The name of an nginx {@code upstream} block. */
    public static String poolName(String name) {
        return require(name != null && POOL.matcher(name).matches(), name, "is not an upstream name");
    }

    /** A location match: a prefix ({@code /api/}), an exact ({@code = /up}) or a regex ({@code ~ ^/a/[^/]+}). */
    public static String locationMatch(String match) {
        boolean valid = match != null && (PREFIX.matcher(match).matches() || REGEX.matcher(match).matches());
        return require(valid, match, "is not a location match");
    }

    /** The edge's secret: long, and letters and digits only, so it sits in a quoted header value as it is. */
    public static String edgeSecret(String secret) {
        if (secret == null || !secret.matches("[A-Za-z0-9]{32,256}")) {
            // Never the value itself: it is a credential.
            throw new IllegalArgumentException("the edge secret (FJORD_EDGE_SECRET) must be 32 to 256 letters and digits");
        }
        return secret;
    }

    /** An nginx size such as {@code 256m}. */
    public static String size(String size) {
        return require(size != null && SIZE.matcher(size).matches(), size, "is not an nginx size such as 10m");
    }

    /** An absolute path without spaces, quotes or nginx punctuation. */
    public static String path(Path path) {
        String value = path == null ? null : path.toString();
        return require(path != null && path.isAbsolute() && PATH.matcher(value).matches(), value,
                "is not an absolute path of letters, digits and ._/+@-");
    }

    public static String contentType(String type) {
        return require(type != null && CONTENT_TYPE.matcher(type).matches(), type, "is not a content type");
    }

    /**
     * Text nginx sends as a body from inside single quotes: no quote or backslash to end the string, no
     * {@code $} it would read as a variable, no line breaks or other control characters.
     */
    public static String quotedText(String text) {
        boolean valid = text != null && text.chars().noneMatch(c -> c == '\'' || c == '\\' || c == '$' || c < 0x20 || c == 0x7f);
        return require(valid, text, "cannot be sent as a literal body by nginx");
    }

    private static String require(boolean valid, String value, String problem) {
        if (!valid) {
            throw new IllegalArgumentException(quote(value) + " " + problem);
        }
        return value;
    }

    /** The value as it may be shown in a message: shortened, with control characters made visible. */
    private static String quote(String value) {
        if (value == null) {
            return "(missing)";
        }
        String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        StringBuilder out = new StringBuilder("\"");
        shown.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }
}
