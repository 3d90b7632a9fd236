package io.fjord.cli.ps;

import com.fasterxml.jackson.databind.JsonNode;
import io.fjord.cli.ApiCommand;
import io.fjord.cli.AppOption;
import io.fjord.cli.JsonOption;
import io.fjord.cli.api.Api;
import io.fjord.cli.api.Request;
import io.fjord.cli.output.Table;
import io.fjord.cli.output.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "ps", description = "Show the app's process formation: how many containers of each type run.")
public class Ps extends ApiCommand {
    @Mixin
    AppOption appOption;

    @Mixin
    JsonOption output;

    @Override
    protected void run(Api api) {
        String app = appOption.resolve();
        JsonNode formation = api.call(request(app));
        output.print(out(), formation, () -> render(app, formation));
    }

    static Request request(String app) {
        return Request.get(Request.path("/api/apps/{}/formation", app));
    }

    /** {@code {"web": 2, "worker": 1}} as a table. */
    static String render(String app, JsonNode formation) {
        if (formation == null || formation.isEmpty()) {
            return app + " has no processes yet: push a first release.\n";
        }
        Table table = new Table("Type", "Count");
        formation.fields().forEachRemaining(type -> table.row(type.getKey(), Text.value(type.getValue())));
        return Text.header(app + " Formation") + table.render();
    }
}
