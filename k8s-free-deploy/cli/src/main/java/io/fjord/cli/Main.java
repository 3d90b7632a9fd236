package io.fjord.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.UnmatchedArgumentException;

/** Entry point of the {@code fjord} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err, System.getenv()));
    }

    /** Runs one command line and answers its exit code; the tests call this with their own writers and environment. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        CommandLine commandLine = new CommandLine(new FjordCommand(env));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
            if (exception instanceof CliException failure) {
                out.flush();
                err.println("fjord: " + failure.getMessage());
                return failure.exitCode();
            }
            throw exception;
        });
        // A usage error in one short block, like git's: what is wrong, a suggestion, the synopsis; exit code 2.
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine command = exception.getCommandLine();
            err.println("fjord: " + exception.getMessage());
            UnmatchedArgumentException.printSuggestions(exception, err);
            err.print("Usage: " + command.getHelp().synopsis(0));
            err.println("See `" + command.getCommandSpec().qualifiedName() + " --help`.");
            return ExitCodes.USAGE;
        });
        return commandLine.execute(args);
    }
}
