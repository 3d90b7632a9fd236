package io.fjord.proxy.nginx;

/** nginx could not be run, refused a configuration, or did not take it in time; the message says which. */
public class NginxException extends RuntimeException {

    public NginxException(String message) {
        super(message);
    }

    public NginxException(String message, Throwable cause) {
        super(message, cause);
    }
}
