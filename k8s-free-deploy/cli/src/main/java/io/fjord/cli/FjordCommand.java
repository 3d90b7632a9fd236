package io.fjord.cli;

import io.fjord.cli.apps.AppsCreate;
import io.fjord.cli.apps.AppsDestroy;
import io.fjord.cli.apps.AppsInfo;
import io.fjord.cli.apps.AppsList;
import io.fjord.cli.builds.Builds;
import io.fjord.cli.builds.BuildsLog;
import io.fjord.cli.config.ConfigGet;
import io.fjord.cli.config.ConfigList;
import io.fjord.cli.config.ConfigSet;
import io.fjord.cli.config.ConfigUnset;
import io.fjord.cli.doctor.Doctor;
import io.fjord.cli.domains.DomainsAdd;
import io.fjord.cli.domains.DomainsList;
import io.fjord.cli.domains.DomainsRemove;
import io.fjord.cli.git.GitRemote;
import io.fjord.cli.keys.KeysAdd;
import io.fjord.cli.login.Login;
import io.fjord.cli.logs.Logs;
import io.fjord.cli.ps.Ps;
import io.fjord.cli.ps.PsScale;
import io.fjord.cli.releases.Releases;
import io.fjord.cli.releases.Rollback;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

// INHERIT: every subcommand takes -h/--help (and -V) too.
@Command(name = "fjord", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = FjordCommand.Version.class,
        description = "Drive a Fjord platform from the terminal. Exit codes: 0 ok, 1 error, 2 usage, 3 API unreachable.",
        subcommands = {
            Login.class,
            AppsCreate.class, AppsList.class, AppsInfo.class, AppsDestroy.class,
            ConfigList.class, ConfigGet.class, ConfigSet.class, ConfigUnset.class,
            DomainsList.class, DomainsAdd.class, DomainsRemove.class,
            Ps.class, PsScale.class,
            Releases.class, Rollback.class,
            Logs.class,
            Builds.class, BuildsLog.class,
            KeysAdd.class,
            GitRemote.class,
            Doctor.class,
            HelpCommand.class
        })
public class FjordCommand implements Runnable {
    private final Map<String, String> env;

    @Spec
    CommandSpec spec;

    /** The environment the commands read (FJORD_API, FJORD_API_TOKEN, FJORD_APP, HOME): given, so tests choose it. */
    public FjordCommand(Map<String, String> env) {
        this.env = env;
    }

    /** The environment of the command line that runs, for any of its subcommands. */
    public static Map<String, String> env(CommandSpec anyCommand) {
        return ((FjordCommand) anyCommand.root().userObject()).env;
    }

    /** `fjord` alone lists the commands. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version Maven wrote into the jar's manifest. */
    static class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = FjordCommand.class.getPackage().getImplementationVersion();
            return new String[] {"fjord " + (version == null ? "(development build)" : version)};
        }
    }
}
