package io.fjord.build.git;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A repository to fetch a build's source from: its URL, the commit, the branch it was pushed to, and the
 * credentials if the repository is private (a deploy key for SSH URLs, or a user and token for HTTPS).
 * {@link #toString} never shows the credentials.
 */
public record RemoteSource(String url, String commit, String branch, String deployKey, String user, String token) {
    /** The URL forms fetched: http(s), ssh and git URLs, and scp-like {@code git@host:path}; never local paths. */
    private static final Pattern URL = Pattern.compile("^(https?|ssh|git)://[^\\s/@]*@?[^\\s/]+/\\S+$");
    private static final Pattern SCP = Pattern.compile("^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\\s/]\\S*$");
    private static final Pattern PASSWORD = Pattern.compile("^([a-z]+://[^/:@]*):[^/@]*@(.*)$");

    public static boolean isFetchable(String url) {
        return url != null && url.length() <= 2048 && (URL.matcher(url).matches() || SCP.matcher(url).matches());
    }

    /** The URL without a password, fit for a log line or a label. */
    public static String shown(String url) {
        Matcher password = PASSWORD.matcher(url);
        return password.matches() ? password.group(1) + "@" + password.group(2) : url;
    }

    boolean overSsh() {
        return url.startsWith("ssh://") || SCP.matcher(url).matches();
    }

    @Override
    public String toString() {
        return shown(url) + " at " + commit;
    }
}
