package io.fjord.cli.apps;

import com.fasterxml.jackson.databind.JsonNode;
import io.fjord.cli.ApiCommand;
import io.fjord.cli.JsonOption;
import io.fjord.cli.api.Api;
import io.fjord.cli.api.Request;
import io.fjord.cli.output.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "apps:list", aliases = "apps", description = "List the apps.")
public class AppsList extends ApiCommand {
    @Mixin
    JsonOption output;

    @Override
    protected void run(Api api) {
        JsonNode apps = api.call(request());
        output.print(out(), apps, () -> render(apps));
    }

    static Request request() {
        return Request.get("/api/apps");
    }

    static String render(JsonNode apps) {
        if (apps == null || apps.isEmpty()) {
            return "No apps yet: create one with `fjord apps:create NAME`.\n";
        }
        StringBuilder out = new StringBuilder(Text.header("Apps"));
        apps.forEach(app -> out.append(Text.value(app.path("name"))).append('\n'));
        return out.toString();
    }
}
