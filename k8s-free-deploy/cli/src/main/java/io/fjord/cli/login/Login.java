package io.fjord.cli.login;

import io.fjord.cli.CliException;
import io.fjord.cli.ExitCodes;
import io.fjord.cli.Prompt;
import io.fjord.cli.api.Api;
import io.fjord.cli.api.ApiException;
import io.fjord.cli.api.ApiOptions;
import io.fjord.cli.api.ConfigStore;
import io.fjord.cli.api.Request;
import io.fjord.cli.api.Settings;
import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "login", description = "Save the API's URL and your token in ~/.config/fjord/config.json (mode 0600).")
public class Login implements Callable<Integer> {
    @Mixin
    ApiOptions apiOptions;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "The API token (asked for when left out; the installer writes the admin's to /var/lib/fjord/admin.token).")
    String token;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        URI url = apiOptions.apiUrl();
        String given = token != null ? token : Prompt.secret(out, "Token for " + url + ": ");
        if (given == null || given.isBlank()) {
            throw new CliException("no token given");
        }
        String checked = given.trim();
        verify(new Api(url, checked));
        ConfigStore store = apiOptions.store();
        store.save(new Settings(url.toString(), checked));
        out.println("Logged in to " + url + " (saved in " + store.file() + ")");
        return ExitCodes.OK;
    }

    /** One authenticated call before saving anything, so a wrong token or URL is found now, not later. */
    private static void verify(Api api) {
        try {
            api.call(Request.get("/api/apps"));
        } catch (ApiException e) {
            if (e.status() == 401 || e.status() == 403) {
                throw new CliException("the API at " + api.base() + " refused this token; nothing saved");
            }
            throw e;
        }
    }
}
