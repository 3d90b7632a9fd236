package io.fjord.cli.apps;

import com.fasterxml.jackson.databind.JsonNode;
import io.fjord.cli.ApiCommand;
import io.fjord.cli.AppOption;
import io.fjord.cli.JsonOption;
import io.fjord.cli.api.Api;
import io.fjord.cli.api.Request;
import io.fjord.cli.output.Text;
import java.net.URI;
import java.time.ZoneId;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "apps:info", aliases = "info", description = "Show an app.")
public class AppsInfo extends ApiCommand {
    @Parameters(paramLabel = "APP", arity = "0..1", description = "The app (or -a APP).")
    String argument;

    @Mixin
    AppOption appOption;

    @Mixin
    JsonOption output;

    @Override
    protected void run(Api api) {
        String app = appOption.resolve(argument);
        JsonNode info = api.call(request(app));
        output.print(out(), info, () -> render(app, info, api.base(), ZoneId.systemDefault()));
    }

    static Request request(String app) {
        return Request.get(Request.path("/api/apps/{}", app));
    }

    /** Every field the API tells about the app, whatever it grows to, plus where the app answers. */
    static String render(String app, JsonNode info, URI api, ZoneId zone) {
        Map<String, String> fields = Text.fields(info, zone);
        String web = WebUrl.of(api, app);
        if (web != null) {
            fields.putIfAbsent("Web URL", web);
        }
        return Text.header(app) + Text.keyValues(fields);
    }
}
