package io.fjord.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.fjord.cli.ApiCommand;
import io.fjord.cli.AppOption;
import io.fjord.cli.JsonOption;
import io.fjord.cli.api.Api;
import io.fjord.cli.api.Request;
import io.fjord.cli.output.Text;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "config", description = "Show the app's config vars.")
public class ConfigList extends ApiCommand {
    @Mixin
    AppOption appOption;

    @Mixin
    JsonOption output;

    @Override
    protected void run(Api api) {
        String app = appOption.resolve();
        JsonNode config = api.call(request(app));
        output.print(out(), config, () -> render(app, config));
    }

    static Request request(String app) {
        return Request.get(Request.path("/api/apps/{}/config", app));
    }

    /** {@code KEY: value} lines, aligned, in the API's order; also used after config:set and config:unset. */
    static String render(String app, JsonNode config) {
        if (config == null || config.isEmpty()) {
            return app + " has no config vars.\n";
        }
        Map<String, String> vars = new LinkedHashMap<>();
        config.fields().forEachRemaining(var -> vars.put(var.getKey(), Text.value(var.getValue())));
        return Text.header(app + " Config Vars") + Text.keyValues(vars);
    }
}
