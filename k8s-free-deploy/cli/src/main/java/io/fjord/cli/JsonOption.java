package io.fjord.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.fjord.cli.api.Json;
import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** {@code --json}: print the API's answer as it came (pretty-printed), for scripts, instead of the human view. */
public class JsonOption {
    @Option(names = "--json", description = "Print the API's JSON answer (for scripts).")
    boolean json;

    public void print(PrintWriter out, JsonNode answer, Supplier<String> human) {
        if (!json) {
            out.print(human.get());
        } else if (answer != null) {
            out.println(Json.pretty(answer));
        }
    }
}
