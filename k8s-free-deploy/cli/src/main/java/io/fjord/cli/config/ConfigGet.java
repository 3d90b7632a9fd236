package io.fjord.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.fjord.cli.ApiCommand;
import io.fjord.cli.AppOption;
import io.fjord.cli.CliException;
import io.fjord.cli.api.Api;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "config:get", description = "Print one config var's value, alone, for scripts: `export URL=$(fjord config:get URL)`.")
public class ConfigGet extends ApiCommand {
    @Parameters(paramLabel = "KEY")
    String key;

    @Mixin
    AppOption appOption;

    @Override
    protected void run(Api api) {
        String app = appOption.resolve();
        out().println(value(app, api.call(ConfigList.request(app)), key));
    }

    /** The value; an unset key fails (exit code 1), so a script can tell it from an empty value. */
    static String value(String app, JsonNode config, String key) {
        JsonNode value = config == null ? null : config.get(key);
        if (value == null || value.isNull()) {
            throw new CliException("config var " + key + " is not set on " + app);
        }
        return value.asText();
    }
}
