package io.fjord.cli.apps;

import io.fjord.cli.ApiCommand;
import io.fjord.cli.AppOption;
import io.fjord.cli.CliException;
import io.fjord.cli.Prompt;
import io.fjord.cli.api.Api;
import io.fjord.cli.api.Request;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "apps:destroy", description = "Destroy an app: its releases, containers, config, domains and repository.")
public class AppsDestroy extends ApiCommand {
    @Parameters(paramLabel = "APP", arity = "0..1", description = "The app (or -a APP).")
    String argument;

    @Mixin
    AppOption appOption;

    @Option(names = "--confirm", paramLabel = "APP", description = "The app's name again: destroys without asking.")
    String confirm;

    @Override
    protected void run(Api api) {
        String app = appOption.resolve(argument);
        if (confirm == null) {
            out().println("This destroys " + app + " for good: its releases, containers, config and git repository.");
            String typed = Prompt.line(out(), "Type " + app + " to confirm: ");
            if (typed == null) {
                throw new CliException("destroying " + app + " needs a confirmation: run again with --confirm " + app);
            }
            confirm = typed.trim();
        }
        if (!confirm.equals(app)) {
            throw new CliException("confirmation \"" + confirm + "\" does not match " + app + ": nothing destroyed");
        }
        api.call(request(app));
        out().println("Destroyed " + app);
    }

    static Request request(String app) {
        return Request.delete(Request.path("/api/apps/{}", app));
    }
}
