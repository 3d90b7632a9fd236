package io.fjord.cli.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fjord.cli.ApiCommand;
import io.fjord.cli.AppOption;
import io.fjord.cli.JsonOption;
import io.fjord.cli.api.Api;
import io.fjord.cli.api.Json;
import io.fjord.cli.api.Request;
import io.fjord.cli.output.Text;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "apps:create", description = "Create an app.")
public class AppsCreate extends ApiCommand {
    @Parameters(paramLabel = "APP", description = "The new app's name: 2 to 30 lower case letters, digits or dashes.")
    String name;

    @Mixin
    JsonOption output;

    @Override
    protected void run(Api api) {
        String app = AppOption.validated(name);
        JsonNode created = api.call(request(app));
        output.print(out(), created, () -> render(app, api.base()));
    }

    static Request request(String app) {
        ObjectNode body = Json.object().put("name", app);
        return Request.post("/api/apps", body);
    }

    static String render(String app, URI api) {
        Map<String, String> fields = new LinkedHashMap<>();
        String web = WebUrl.of(api, app);
        if (web != null) {
            fields.put("Web URL", web);
        }
        fields.put("Git remote", "fjord git:remote -a " + app);
        return "Created " + app + "\n" + Text.keyValues(fields);
    }
}
