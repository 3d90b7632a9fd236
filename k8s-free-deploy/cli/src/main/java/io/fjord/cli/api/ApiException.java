package io.fjord.cli.api;

import io.fjord.cli.CliException;

/** The API answered with an error status; the message is the API's own {@code {"error": ...}} text. */
public class ApiException extends CliException {
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
