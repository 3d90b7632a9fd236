package io.fjord.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Asks the person at the terminal; reads a line from stdin when there is no terminal (piped input). */
public final class Prompt {
    private Prompt() {
    }

    /** The answer, or null when there is nothing to read (no terminal and stdin closed). */
    public static String line(PrintWriter out, String question) {
        Console console = System.console();
        if (console != null) {
            return console.readLine("%s", question);
        }
        return fromStdin(out, question);
    }

    /** Like {@link #line} but without echo on a terminal (tokens). */
    public static String secret(PrintWriter out, String question) {
        Console console = System.console();
        if (console != null) {
            char[] answer = console.readPassword("%s", question);
            return answer == null ? null : new String(answer);
        }
        return fromStdin(out, question);
    }

    /** Piped input is not echoed: end the question's line so the next output starts on its own. */
    private static String fromStdin(PrintWriter out, String question) {
        out.print(question);
        out.flush();
        String answer;
        try {
            answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            answer = null;
        }
        out.println();
        return answer;
    }
}
