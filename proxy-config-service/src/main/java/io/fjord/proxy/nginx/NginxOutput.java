package io.fjord.proxy.nginx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What nginx said, reduced to the lines a person needs: its errors and warnings without timestamps,
 * process ids or the "test failed" trailer, and with the paths of Fjord's tree made relative (a
 * candidate's temp directory means nothing to the reader, and absolute paths are nobody's business).
 */
public record NginxOutput(List<String> errors, List<String> warnings) {
    private static final int MAX_LINES = 5;
    private static final int MAX_LINE = 300;
    // "nginx: [emerg] msg" or "2026/11/23 10:19:42 [emerg] 19497#19497: msg"
    private static final Pattern LEVELLED = Pattern.compile(
            "^(?:nginx: )?(?:\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d )?\\[(\\w+)\\] (?:\\d+#\\d+: )?(?:\\*\\d+ )?(.*)$");
    private static final Pattern CHATTER = Pattern.compile(
            "^nginx: (the configuration file .* syntax is ok|configuration file .* test (is successful|failed))$");

    /**
     * @param roots the directories to cut from paths, most specific first (a candidate's, then the live one)
     */
    public static NginxOutput parse(String output, Path... roots) {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> unlevelled = new ArrayList<>();
        for (String raw : output.split("\\R")) {
            String line = relative(raw.strip(), roots);
            Matcher levelled = LEVELLED.matcher(line);
            if (line.isEmpty() || CHATTER.matcher(line).matches()) {
                continue;
            } else if (!levelled.matches()) {
                unlevelled.add(line);
            } else if (List.of("emerg", "alert", "crit", "error").contains(levelled.group(1))) {
                errors.add(levelled.group(2));
            } else if ("warn".equals(levelled.group(1))) {
                warnings.add(levelled.group(2));
            }
        }
        // Output nginx did not level (a crash, a message from the shell) still explains a failure.
        return new NginxOutput(trim(errors.isEmpty() ? unlevelled : errors), trim(warnings));
    }

    /** The errors as one line, for an event or a log; {@code fallback} when nginx said nothing useful. */
    public String reason(String fallback) {
        return errors.isEmpty() ? fallback : String.join("; ", errors);
    }

    private static String relative(String line, Path... roots) {
        for (Path root : roots) {
            line = line.replace(root.toString() + "/", "");
        }
        return line;
    }

    private static List<String> trim(List<String> lines) {
        return lines.stream().limit(MAX_LINES)
                .map(line -> line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "..." : line)
                .toList();
    }
}
