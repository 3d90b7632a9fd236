package io.fjord.cli.config;

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
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

@Command(name = "config:set", description = "Set config vars; the app restarts with them in a new release.")
public class ConfigSet extends ApiCommand {
    @Parameters(paramLabel = "KEY=VALUE", arity = "1..*", converter = AssignmentConverter.class)
    List<Assignment> assignments;

    @Mixin
    AppOption appOption;

    @Mixin
    JsonOption output;

    @Override
    protected void run(Api api) {
        String app = appOption.resolve();
        Map<String, String> vars = new LinkedHashMap<>();
        assignments.forEach(assignment -> vars.put(assignment.key(), assignment.value()));
        JsonNode config = api.call(request(app, vars));
        output.print(out(), config, () -> "Set " + String.join(", ", vars.keySet()) + " on " + app + "\n"
                + (config != null && config.isObject() ? ConfigList.render(app, config) : ""));
    }

    /** One {@code KEY=VALUE} argument. */
    record Assignment(String key, String value) {
    }

    /** Splits at the first {@code =} (values may hold more); the API checks the keys. A bad one is a usage error. */
    static class AssignmentConverter implements ITypeConverter<Assignment> {
        @Override
        public Assignment convert(String text) {
            int eq = text.indexOf('=');
            if (eq <= 0) {
                throw new TypeConversionException("expected KEY=VALUE, got \"" + text + "\"");
            }
            return new Assignment(text.substring(0, eq), text.substring(eq + 1));
        }
    }

    static Request request(String app, Map<String, String> vars) {
        ObjectNode body = Json.object();
        vars.forEach(body::put);
        return Request.patch(Request.path("/api/apps/{}/config", app), body);
    }
}
