package io.fjord.cli;

import io.fjord.cli.api.Api;
import io.fjord.cli.api.ApiOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that calls the API: takes {@code --api}, gets a client with the saved token, prints to out. */
public abstract class ApiCommand implements Callable<Integer> {
    @Mixin
    protected ApiOptions apiOptions;

    @Spec
    protected CommandSpec spec;

    @Override
    public final Integer call() {
        run(apiOptions.api());
        out().flush();
        return ExitCodes.OK;
    }

    protected abstract void run(Api api);

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
