package io.fjord.cli.ps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fjord.cli.ApiCommand;
import io.fjord.cli.AppOption;
import io.fjord.cli.JsonOption;
import io.fjord.cli.api.Api;
import io.fjord.cli.api.Json;
import io.fjord.cli.api.Request;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

@Command(name = "ps:scale", description = "Scale process types: `fjord ps:scale web=3 worker=1`; types not named keep their count.")
public class PsScale extends ApiCommand {
    private static final Pattern CHANGE = Pattern.compile("([a-z][a-z0-9_-]*)=(\\d{1,6})");

    @Parameters(paramLabel = "TYPE=COUNT", arity = "1..*", converter = ChangeConverter.class)
    List<Change> changes;

    @Mixin
    AppOption appOption;

    @Mixin
    JsonOption output;

    @Override
    protected void run(Api api) {
        String app = appOption.resolve();
        Map<String, Integer> counts = new LinkedHashMap<>();
        changes.forEach(change -> counts.put(change.type(), change.count()));
        // PUT replaces the formation: start from the current one so that unnamed types keep running.
        JsonNode current = api.call(Ps.request(app));
        JsonNode formation = api.call(request(app, merged(current, counts)));
        output.print(out(), formation, () -> "Scaled " + app + " to " + describe(counts) + "\n");
    }

    /** One {@code TYPE=COUNT} argument. */
    record Change(String type, int count) {
    }

    /** Parses {@code web=3} when picocli reads the arguments: a bad one is a usage error (exit code 2). */
    static class ChangeConverter implements ITypeConverter<Change> {
        @Override
        public Change convert(String text) {
            Matcher m = CHANGE.matcher(text);
            if (!m.matches()) {
                throw new TypeConversionException("expected TYPE=COUNT such as web=2, got \"" + text + "\"");
            }
            return new Change(m.group(1), Integer.parseInt(m.group(2)));
        }
    }

    static ObjectNode merged(JsonNode current, Map<String, Integer> counts) {
        ObjectNode formation = current != null && current.isObject() ? ((ObjectNode) current).deepCopy() : Json.object();
        counts.forEach(formation::put);
        return formation;
    }

    static Request request(String app, ObjectNode formation) {
        return Request.put(Request.path("/api/apps/{}/formation", app), formation);
    }

    static String describe(Map<String, Integer> counts) {
        StringJoiner text = new StringJoiner(", ");
        counts.forEach((type, count) -> text.add(type + "=" + count));
        return text.toString();
    }
}
