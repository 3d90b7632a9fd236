package io.fjord.cli.domains;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fjord.cli.ApiCommand;
import io.fjord.cli.AppOption;
import io.fjord.cli.CliException;
import io.fjord.cli.JsonOption;
import io.fjord.cli.api.Api;
import io.fjord.cli.api.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "domains:remove", description = "Stop routing a domain to the app.")
public class DomainsRemove extends ApiCommand {
    @Parameters(paramLabel = "DOMAIN")
    String domain;

    @Mixin
    AppOption appOption;

    @Mixin
    JsonOption output;

    @Override
    protected void run(Api api) {
        String app = appOption.resolve();
        ArrayNode updated = removed(DomainsList.domains(api.call(DomainsList.request(app))), domain);
        if (updated == null) {
            throw new CliException(domain + " is not a domain of " + app);
        }
        JsonNode domains = api.call(DomainsList.replace(app, updated));
        output.print(out(), domains, () -> "Removed " + domain + " from " + app + "\n");
    }

    /** The list without the domain; null when it was not there. */
    static ArrayNode removed(JsonNode current, String domain) {
        ArrayNode updated = Json.MAPPER.createArrayNode();
        boolean found = false;
        if (current != null) {
            for (JsonNode existing : current) {
                if (existing.asText().equals(domain)) {
                    found = true;
                } else {
                    updated.add(existing);
                }
            }
        }
        return found ? updated : null;
    }
}
