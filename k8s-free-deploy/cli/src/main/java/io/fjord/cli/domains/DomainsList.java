package io.fjord.cli.domains;

import com.fasterxml.jackson.databind.JsonNode;
import io.fjord.cli.ApiCommand;
import io.fjord.cli.AppOption;
import io.fjord.cli.JsonOption;
import io.fjord.cli.api.Api;
import io.fjord.cli.api.Json;
import io.fjord.cli.api.Request;
import io.fjord.cli.output.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "domains", description = "List the domains routed to the app.")
public class DomainsList extends ApiCommand {
    @Mixin
    AppOption appOption;

    @Mixin
    JsonOption output;

    @Override
    protected void run(Api api) {
        String app = appOption.resolve();
        JsonNode view = api.call(request(app));
        output.print(out(), view, () -> render(app, domains(view)));
    }

    /**
     * The domains resource, read and replaced whole: {@code {"app", "host", "domains": [...]}} answered,
     * {@code {"domains": [...]}} sent.
     */
    static Request request(String app) {
        return Request.get(Request.path("/api/apps/{}/domains", app));
    }

    static Request replace(String app, JsonNode domains) {
        return Request.put(Request.path("/api/apps/{}/domains", app),
                Json.MAPPER.createObjectNode().set("domains", domains));
    }

    /** The list of host names of the resource's answer. */
    static JsonNode domains(JsonNode view) {
        return view == null ? null : view.get("domains");
    }

    static String render(String app, JsonNode domains) {
        if (domains == null || domains.isEmpty()) {
            return app + " has no custom domains.\n";
        }
        StringBuilder out = new StringBuilder(Text.header(app + " Domains"));
        domains.forEach(domain -> out.append(Text.value(domain)).append('\n'));
        return out.toString();
    }
}
