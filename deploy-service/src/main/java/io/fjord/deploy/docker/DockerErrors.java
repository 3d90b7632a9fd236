package io.fjord.deploy.docker;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.dockerjava.api.exception.DockerException;

/** Turns the engine's errors into the sentence a person needs, e.g. "No such image: fjord/shop:7". */
public final class DockerErrors {
    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private DockerErrors() {
    }

    public static String describe(RuntimeException e) {
        if (e instanceof DockerException && e.getMessage() != null) {
            Matcher m = MESSAGE.matcher(e.getMessage());
            if (m.find()) {
                return m.group(1).replace("\\\"", "\"");
            }
            return e.getMessage().strip();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
