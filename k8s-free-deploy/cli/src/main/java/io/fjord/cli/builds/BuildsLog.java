package io.fjord.cli.builds;

import io.fjord.cli.ApiCommand;
import io.fjord.cli.CliException;
import io.fjord.cli.api.Api;
import io.fjord.cli.api.Request;
import java.io.PrintWriter;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "builds:log", description = "Print a build's log; follows it while the build runs.")
public class BuildsLog extends ApiCommand {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");

    @Parameters(paramLabel = "ID", description = "The build's id, as listed by `fjord builds`.")
    String id;

    @Override
    protected void run(Api api) {
        PrintWriter out = out();
        api.stream(request(id), line -> {
            out.println(line);
            out.flush();
        });
    }

    static Request request(String id) {
        if (!ID.matcher(id).matches()) {
            throw new CliException("invalid build id \"" + id + "\"");
        }
        return Request.get(Request.path("/api/builds/{}/log", id));
    }
}
