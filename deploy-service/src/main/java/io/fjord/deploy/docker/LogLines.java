package io.fjord.deploy.docker;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a container's log output into lines, each tagged with where it comes from
 * ({@code web.1 0123456789ab| }). The engine's frames do not follow line ends, so a partial line waits
 * for the rest.
 */
public final class LogLines {
    private final String prefix;
    private final StringBuilder partial = new StringBuilder();

    public LogLines(String process, int n, String shortId) {
        this.prefix = process + "." + n + " " + shortId + "| ";
    }

    /** The complete lines this output ends, each with its newline. */
    public List<String> accept(byte[] output) {
        partial.append(new String(output, StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        int end;
        while ((end = partial.indexOf("\n")) >= 0) {
            lines.add(tag(partial.substring(0, end)));
            partial.delete(0, end + 1);
        }
        return lines;
    }

    /** What is left when the output ends without a newline. */
    public List<String> flush() {
        if (partial.isEmpty()) {
            return List.of();
        }
        String rest = tag(partial.toString());
        partial.setLength(0);
        return List.of(rest);
    }

    private String tag(String line) {
        return prefix + (line.endsWith("\r") ? line.substring(0, line.length() - 1) : line) + "\n";
    }
}
