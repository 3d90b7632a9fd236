package io.fjord.cli;

/** The exit codes scripts can trust. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The API refused the call (4xx/5xx) or the command could not do what was asked. */
    public static final int ERROR = 1;
    /** Bad options or arguments, reported by picocli with the usage. */
    public static final int USAGE = 2;
    /** The API could not be reached at all (refused, unresolvable, timed out, cut off). */
    public static final int UNREACHABLE = 3;

    private ExitCodes() {
    }
}
