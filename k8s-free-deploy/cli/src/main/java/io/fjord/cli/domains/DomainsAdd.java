package io.fjord.cli.domains;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fjord.cli.ApiCommand;
import io.fjord.cli.AppOption;
import io.fjord.cli.JsonOption;
import io.fjord.cli.api.Api;
import io.fjord.cli.api.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "domains:add", description = "Route a domain to the app (point its DNS at this host).")
public class DomainsAdd extends ApiCommand {
    @Parameters(paramLabel = "DOMAIN")
    String domain;

    @Mixin
    AppOption appOption;

    @Mixin
    JsonOption output;

    @Override
    protected void run(Api api) {
        String app = appOption.resolve();
        JsonNode current = api.call(DomainsList.request(app));
        ArrayNode updated = added(DomainsList.domains(current), domain);
        if (updated == null) {
            output.print(out(), current, () -> domain + " is already routed to " + app + "\n");
            return;
        }
        JsonNode domains = api.call(DomainsList.replace(app, updated));
        output.print(out(), domains, () -> "Added " + domain + " to " + app + "\n");
    }

    /** The list with the domain appended; null when it is there already (nothing to send). */
    static ArrayNode added(JsonNode current, String domain) {
        ArrayNode updated = Json.MAPPER.createArrayNode();
        if (current != null) {
            for (JsonNode existing : current) {
                if (existing.asText().equals(domain)) {
                    return null;
                }
                updated.add(existing);
            }
        }
        return updated.add(domain);
    }
}
