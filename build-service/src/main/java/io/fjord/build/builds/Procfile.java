package io.fjord.build.builds;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed Procfile: {@code type: command} lines, in order. Blank lines and {@code #} comments are
 * skipped; a line that does not fit is left out and described in {@link #problems}, so the build can
 * report it instead of failing on it.
 */
public record Procfile(Map<String, String> processes, List<String> problems) {
    private static final Pattern LINE = Pattern.compile("^([^:\\s]*)\\s*:\\s*(.*?)\\s*$");
    /** Process types become part of container names and labels, so they keep to a safe alphabet. */
    private static final Pattern TYPE = Pattern.compile("^[a-z][a-z0-9_-]{0,29}$");

    public static Procfile parse(String text) {
        Map<String, String> processes = new LinkedHashMap<>();
        Map<String, Integer> definedOn = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\\r?\\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher matcher = LINE.matcher(line);
            if (!matcher.matches()) {
                problems.add("line " + number + ": expected 'type: command'");
                continue;
            }
            String type = matcher.group(1);
            String command = matcher.group(2);
            if (!TYPE.matcher(type).matches()) {
                problems.add("line " + number + ": process type '" + type
                        + "' must be lowercase letters, digits, '-' or '_', start with a letter, at most 30");
            } else if (command.isEmpty()) {
                problems.add("line " + number + ": process type '" + type + "' has no command");
            } else if (definedOn.containsKey(type)) {
                problems.add("line " + number + ": process type '" + type + "' is already defined on line "
                        + definedOn.get(type) + "; that one is used");
            } else {
                processes.put(type, command);
                definedOn.put(type, number);
            }
        }
        return new Procfile(Collections.unmodifiableMap(processes), List.copyOf(problems));
    }

    public static Procfile none() {
        return new Procfile(Map.of(), List.of());
    }
}
