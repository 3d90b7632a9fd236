package io.fjord.cli.builds;

import com.fasterxml.jackson.databind.JsonNode;
import io.fjord.cli.ApiCommand;
import io.fjord.cli.AppOption;
import io.fjord.cli.JsonOption;
import io.fjord.cli.api.Api;
import io.fjord.cli.api.Request;
import io.fjord.cli.output.Table;
import io.fjord.cli.output.Text;
import java.time.ZoneId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "builds", description = "List the app's builds.")
public class Builds extends ApiCommand {
    @Mixin
    AppOption appOption;

    @Mixin
    JsonOption output;

    @Override
    protected void run(Api api) {
        String app = appOption.resolve();
        JsonNode builds = api.call(request(app));
        output.print(out(), builds, () -> render(app, builds, ZoneId.systemDefault()));
    }

    static Request request(String app) {
        return Request.get(Request.path("/api/apps/{}/builds", app));
    }

    /** The full id (builds:log takes it), status, short commit, times, and the error of a failed build. */
    static String render(String app, JsonNode builds, ZoneId zone) {
        if (builds == null || builds.isEmpty()) {
            return app + " has no builds yet.\n";
        }
        Table table = new Table("Id", "Status", "Commit", "Created", "Error");
        for (JsonNode build : builds) {
            table.row(Text.value(build.path("id")), Text.value(build.path("status")),
                    Text.shortId(Text.value(build.path("commit")), 7),
                    Text.time(Text.value(build.path("createdAt")), zone), Text.value(build.path("error")));
        }
        return Text.header(app + " Builds") + table.render();
    }
}
