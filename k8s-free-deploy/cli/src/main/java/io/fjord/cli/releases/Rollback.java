package io.fjord.cli.releases;

import com.fasterxml.jackson.databind.JsonNode;
import io.fjord.cli.ApiCommand;
import io.fjord.cli.AppOption;
import io.fjord.cli.JsonOption;
import io.fjord.cli.api.Api;
import io.fjord.cli.api.Json;
import io.fjord.cli.api.Request;
import io.fjord.cli.output.Text;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

@Command(name = "rollback", description = "Go back to an earlier release: `fjord rollback v3` starts a new release with v3's image and config.")
public class Rollback extends ApiCommand {
    private static final Pattern VERSION = Pattern.compile("v?(\\d{1,9})");

    @Parameters(paramLabel = "vN", converter = VersionConverter.class,
            description = "The release to go back to, as listed by `fjord releases`.")
    int version;

    @Mixin
    AppOption appOption;

    @Mixin
    JsonOption output;

    @Override
    protected void run(Api api) {
        String app = appOption.resolve();
        JsonNode release = api.call(request(app, version));
        output.print(out(), release, () -> render(app, version, release));
    }

    /** {@code v3} or {@code 3}; anything else is a usage error (exit code 2). */
    static class VersionConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            Matcher m = VERSION.matcher(text);
            if (!m.matches()) {
                throw new TypeConversionException("expected a release such as v3, got \"" + text + "\"");
            }
            return Integer.parseInt(m.group(1));
        }
    }

    static Request request(String app, int version) {
        return Request.post(Request.path("/api/apps/{}/rollback", app), Json.object().put("version", version));
    }

    /** Names the new release when the API answers with it. */
    static String render(String app, int target, JsonNode release) {
        String text = "Rolling back " + app + " to v" + target;
        if (release != null && release.hasNonNull("version")) {
            text += ": release v" + Text.value(release.get("version"));
            if (release.hasNonNull("status")) {
                text += " is " + Text.value(release.get("status"));
            }
        }
        return text + "\n";
    }
}
