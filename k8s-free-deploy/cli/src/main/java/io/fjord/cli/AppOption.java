package io.fjord.cli;

import io.fjord.cli.git.Git;
import io.fjord.cli.git.RemoteUrls;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code -a/--app}; without it, $FJORD_APP, else the app that this repository's {@code fjord} remote pushes to. */
public class AppOption {
    /** The platform's rule for app names (deploy-service validates the same). */
    public static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{1,29}$");

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = {"-a", "--app"}, paramLabel = "APP",
            description = "The app (default: $FJORD_APP, else the app of this repository's `fjord` git remote).")
    String app;

    /** The app named by the argument when the command has one, else by -a and its defaults. */
    public String resolve(String argument) {
        if (argument != null) {
            return validated(argument);
        }
        if (app != null) {
            return validated(app);
        }
        String fromEnv = FjordCommand.env(command).get("FJORD_APP");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return validated(fromEnv.trim());
        }
        String fromRemote = Git.output("remote", "get-url", RemoteUrls.DEFAULT_REMOTE).map(RemoteUrls::appOf).orElse(null);
        if (fromRemote == null) {
            throw new CliException("which app? add -a APP (or run inside a repository with a `fjord` git remote)");
        }
        return validated(fromRemote);
    }

    public String resolve() {
        return resolve(null);
    }

    /** Checked here too, so a name can never reach a URL path in a shape the platform would not accept. */
    public static String validated(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new CliException("invalid app name \"" + name
                    + "\": 2 to 30 lower case letters, digits or dashes, starting with a letter");
        }
        return name;
    }
}
