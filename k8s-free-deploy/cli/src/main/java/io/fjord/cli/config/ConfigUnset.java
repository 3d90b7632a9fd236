package io.fjord.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fjord.cli.ApiCommand;
import io.fjord.cli.AppOption;
import io.fjord.cli.JsonOption;
import io.fjord.cli.api.Api;
import io.fjord.cli.api.Json;
import io.fjord.cli.api.Request;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "config:unset", description = "Remove config vars; the app restarts without them in a new release.")
public class ConfigUnset extends ApiCommand {
    @Parameters(paramLabel = "KEY", arity = "1..*")
    List<String> keys;

    @Mixin
    AppOption appOption;

    @Mixin
    JsonOption output;

    @Override
    protected void run(Api api) {
        String app = appOption.resolve();
        JsonNode config = api.call(request(app, keys));
        output.print(out(), config, () -> "Unset " + String.join(", ", keys) + " on " + app + "\n"
                + (config != null && config.isObject() ? ConfigList.render(app, config) : ""));
    }

    /** A PATCH with each key set to null: the API's way to remove a var. */
    static Request request(String app, List<String> keys) {
        ObjectNode body = Json.object();
        keys.forEach(body::putNull);
        return Request.patch(Request.path("/api/apps/{}/config", app), body);
    }
}
