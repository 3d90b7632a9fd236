package io.fjord.cli.git;

import io.fjord.cli.ApiCommand;
import io.fjord.cli.AppOption;
import io.fjord.cli.CliException;
import io.fjord.cli.api.Api;
import io.fjord.cli.api.Request;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "git:remote", description = "Add the app's push remote to the git repository here: `git push fjord main` deploys.")
public class GitRemote extends ApiCommand {
    @Mixin
    AppOption appOption;

    @Option(names = "--local", description = "Push to the bare repository on this host (" + RemoteUrls.LOCAL_ROOT
            + "/APP.git) instead of over SSH.")
    boolean local;

    @Option(names = "--host", paramLabel = "HOST[:PORT]",
            description = "The platform's SSH host (default: the API's host without `api.`).")
    String host;

    @Option(names = {"-r", "--remote"}, paramLabel = "NAME", defaultValue = RemoteUrls.DEFAULT_REMOTE,
            description = "The remote's name (default: ${DEFAULT-VALUE}).")
    String remote;

    @Override
    protected void run(Api api) {
        String app = appOption.resolve();
        api.call(Request.get(Request.path("/api/apps/{}", app))); // a typo fails here, not at the first push
        if (Git.output("rev-parse", "--git-dir").isEmpty()) {
            throw new CliException("not inside a git repository: run `git init` first");
        }
        String url = local ? RemoteUrls.local(app) : RemoteUrls.ssh(host != null ? host : RemoteUrls.platformHost(api.base()), app);
        Optional<String> previous = Git.output("remote", "get-url", remote);
        if (previous.isPresent()) {
            Git.mustRun("remote", "set-url", remote, url);
        } else {
            Git.mustRun("remote", "add", remote, url);
        }
        out().print(render(remote, url, previous.orElse(null)));
    }

    static String render(String remote, String url, String previous) {
        String change = previous == null ? "" : previous.equals(url) ? " (unchanged)" : " (was " + previous + ")";
        return "Git remote " + remote + ": " + url + change + "\nDeploy with: git push " + remote + " main\n";
    }
}
