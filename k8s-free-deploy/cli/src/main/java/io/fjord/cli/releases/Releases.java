package io.fjord.cli.releases;

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

@Command(name = "releases", description = "List the app's releases, newest first.")
public class Releases extends ApiCommand {
    @Mixin
    AppOption appOption;

    @Mixin
    JsonOption output;

    @Override
    protected void run(Api api) {
        String app = appOption.resolve();
        JsonNode releases = api.call(request(app));
        output.print(out(), releases, () -> render(app, releases, ZoneId.systemDefault()));
    }

    static Request request(String app) {
        return Request.get(Request.path("/api/apps/{}/releases", app));
    }

    /** One line per release: vN, status, build, when, and why it failed. */
    static String render(String app, JsonNode releases, ZoneId zone) {
        if (releases == null || releases.isEmpty()) {
            return app + " has no releases yet: `git push fjord main` makes the first.\n";
        }
        Table table = new Table("Version", "Status", "Build", "Created", "Reason");
        for (JsonNode release : releases) {
            table.row("v" + Text.value(release.path("version")), Text.value(release.path("status")),
                    Text.value(release.path("buildId")), Text.time(Text.value(release.path("createdAt")), zone),
                    Text.value(release.path("reason")));
        }
        return Text.header(app + " Releases") + table.render();
    }
}
