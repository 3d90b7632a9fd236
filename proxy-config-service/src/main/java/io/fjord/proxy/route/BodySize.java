package io.fjord.proxy.route;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The largest request body an app accepts through the edge, in nginx's size syntax. Pure. */
public final class BodySize {
    /** 4 GiB: a large upload, still a bound. */
    static final long MAX_BYTES = 4L << 30;
    private static final Pattern SIZE = Pattern.compile("([1-9][0-9]{0,5})([km]?)");

    private BodySize() {
    }

    /**
     * A size such as {@code 512k} or {@code 50m} (bytes without a unit), from 1 byte to 4096m.
     *
     * @throws IllegalArgumentException saying what is allowed
     */
    public static String check(String size) {
        Matcher matcher = size == null ? null : SIZE.matcher(size);
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("\"maxBodySize\" must be a size such as 512k or 50m (k and m in lower"
                    + " case, no spaces), not \"" + DomainNames.shown(String.valueOf(size)) + "\"");
        }
        long factor = switch (matcher.group(2)) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            default -> 1;
        };
        if (Long.parseLong(matcher.group(1)) * factor > MAX_BYTES) {
            throw new IllegalArgumentException("\"maxBodySize\" is at most 4096m");
        }
        return size;
    }
}
