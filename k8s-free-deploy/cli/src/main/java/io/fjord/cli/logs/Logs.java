package io.fjord.cli.logs;

import io.fjord.cli.ApiCommand;
import io.fjord.cli.AppOption;
import io.fjord.cli.api.Api;
import io.fjord.cli.api.Request;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "logs", description = "Print the app's container logs; with --tail, keep following them (Ctrl-C stops).")
public class Logs extends ApiCommand {
    @Mixin
    AppOption appOption;

    @Option(names = {"-t", "--tail"}, description = "Keep the stream open and print new lines as they come.")
    boolean tail;

    @Override
    protected void run(Api api) {
        PrintWriter out = out();
        api.stream(request(appOption.resolve(), tail), line -> {
            out.println(line);
            out.flush();
        });
    }

    static Request request(String app, boolean follow) {
        return Request.get(Request.path("/api/apps/{}/logs", app) + (follow ? "?follow=true" : ""));
    }
}
