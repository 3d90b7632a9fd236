package io.fjord.session.api;

import java.util.HashSet;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fjord.platform.api.ApiException;

/**
 * ETags of sessions ({@code "<version>"}) and the If-Match precondition of a write (RFC 9110): absent or
 * {@code *} accepts any version; otherwise a list of entity tags compared strongly, so a weak tag
 * ({@code W/"3"}) never matches.
 */
final class IfMatch {
    private static final Pattern TAG = Pattern.compile("\\s*(W/)?\"([\\x21\\x23-\\x7e]*)\"\\s*");
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,17}");

    private IfMatch() {
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** The versions the header accepts; a header that is not an entity tag list is a 400. */
    static LongPredicate parse(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return version -> true;
        }
        Set<Long> versions = new HashSet<>();
        for (String part : header.split(",", -1)) {
            Matcher tag = TAG.matcher(part);
            if (!tag.matches()) {
                throw ApiException.badRequest("If-Match must be * or entity tags as the ETag header gave them, e.g. \"3\"");
            }
            if (tag.group(1) == null && VERSION.matcher(tag.group(2)).matches()) {
                versions.add(Long.parseLong(tag.group(2)));
            }
        }
        return versions::contains;
    }
}
