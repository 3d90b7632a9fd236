package io.fjord.cli.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fjord.cli.ExitCodes;
import io.fjord.cli.FjordCommand;
import io.fjord.cli.api.Json;
import io.fjord.cli.output.Table;
import io.fjord.cli.output.Text;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "doctor", description = "Check this host and the platform: one verdict per line (ok, warn, FAIL); exits 1 when any check FAILs.")
public class Doctor implements Callable<Integer> {
    @Option(names = "--json", description = "Print the verdicts as JSON (for scripts).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, List<Verdict>> report = examine(FjordCommand.env(spec));
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? Json.pretty(toJson(report)) + "\n" : render(report));
        out.flush();
        return failed(report) ? ExitCodes.ERROR : ExitCodes.OK;
    }

    /** Runs every check; none needs the API or a token, so the doctor works while the platform is down. */
    static Map<String, List<Verdict>> examine(Map<String, String> env) {
        Map<String, List<Verdict>> report = new LinkedHashMap<>();
        Virtualization.Kind kind = Virtualization.detect();
        List<Verdict> host = new ArrayList<>();
        host.add(Virtualization.verdict(kind));
        host.add(Memory.check());
        host.add(ClockSync.check(!kind.container().equals("none")));
        host.add(DiskLatency.check(List.of(Path.of("/var/lib/fjord"), Path.of(DockerEngine.DEFAULT_ROOT))));
        host.addAll(Schedulers.check(Path.of("/sys/block")));
        report.put("Host", host);

        DockerEngine docker = new DockerEngine(DockerEngine.socketFrom(env));
        Optional<JsonNode> info = docker.info();
        report.put("Docker", List.of(DockerEngine.storageDriverVerdict(info), DiskSpace.check(DockerEngine.rootDir(info))));

        report.put("Platform services", Services.check());

        report.put("Backing services", List.of(docker.ping(), Backing.rabbitmq(), Backing.mariadb(), Backing.redis(),
                Backing.edge(domain(env.get("FJORD_DOMAIN"), HostFiles.read("/etc/fjord/fjord.env").orElse("")))));
        return report;
    }

    /** FJORD_DOMAIN from the environment, else from the installer's env file (readable by root), else the default. */
    static String domain(String fromEnv, String envFile) {
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        Matcher m = Pattern.compile("(?m)^FJORD_DOMAIN=([A-Za-z0-9.-]+)\\s*$").matcher(envFile);
        return m.find() ? m.group(1) : "fjord.localhost";
    }

    /** A section header per area, then aligned lines: level, check, figure, explanation. */
    static String render(Map<String, List<Verdict>> report) {
        Table table = new Table();
        for (List<Verdict> verdicts : report.values()) {
            for (Verdict v : verdicts) {
                table.row(v.level().label(), v.check(), v.figure(), v.detail());
            }
        }
        // Align all sections alike, then cut the rendered lines back into their sections.
        List<String> lines = table.render().lines().toList();
        StringBuilder out = new StringBuilder();
        int line = 0;
        for (Map.Entry<String, List<Verdict>> section : report.entrySet()) {
            out.append(line == 0 ? "" : "\n").append(Text.header(section.getKey()));
            for (int i = 0; i < section.getValue().size(); i++) {
                out.append(lines.get(line++)).append('\n');
            }
        }
        out.append('\n').append(count(report, Level.FAIL)).append(" FAIL, ").append(count(report, Level.WARN))
                .append(" warn, ").append(count(report, Level.OK)).append(" ok\n");
        return out.toString();
    }

    static JsonNode toJson(Map<String, List<Verdict>> report) {
        ArrayNode checks = Json.MAPPER.createArrayNode();
        report.forEach((section, verdicts) -> verdicts.forEach(v -> checks.addObject()
                .put("section", section).put("check", v.check()).put("level", v.level().label())
                .put("figure", v.figure()).put("detail", v.detail())));
        return checks;
    }

    private static long count(Map<String, List<Verdict>> report, Level level) {
        return report.values().stream().flatMap(List::stream).filter(v -> v.level() == level).count();
    }

    static boolean failed(Map<String, List<Verdict>> report) {
        return count(report, Level.FAIL) > 0;
    }
}
