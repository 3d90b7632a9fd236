package io.fjord.cli;

/**
 * A failure the user can act on: printed as one line, {@code fjord: <message>}, on stderr, and the process
 * exits with {@link #exitCode()}. Scripts rely on these codes (see {@link ExitCodes}).
 */
public class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(String message) {
        this(message, ExitCodes.ERROR);
    }

    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
