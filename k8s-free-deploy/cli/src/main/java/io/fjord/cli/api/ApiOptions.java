package io.fjord.cli.api;

import io.fjord.cli.CliException;
import io.fjord.cli.FjordCommand;
import java.net.URI;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --api} option every API command takes, and where the URL and token come from. */
public class ApiOptions {
    public static final String DEFAULT_API = "http://api.fjord.localhost";

    @Option(names = "--api", paramLabel = "URL",
            description = "The platform's API (default: $FJORD_API, else the one saved by `fjord login`, else "
                    + DEFAULT_API + ").")
    String api;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    public ConfigStore store() {
        return ConfigStore.forUser(env());
    }

    /** The API URL to use: --api, else $FJORD_API, else the saved one, else the default. */
    public URI apiUrl() {
        return parseUrl(resolveApi(api, env().get("FJORD_API"), store().load()));
    }

    /** A client with the saved token ($FJORD_API_TOKEN wins, for scripts and CI). */
    public Api api() {
        Settings saved = store().load();
        String token = resolveToken(env().get("FJORD_API_TOKEN"), saved);
        if (token == null) {
            throw new CliException("not logged in: run `fjord login` (or set FJORD_API_TOKEN)");
        }
        return new Api(parseUrl(resolveApi(api, env().get("FJORD_API"), saved)), token);
    }

    private Map<String, String> env() {
        return FjordCommand.env(command);
    }

    static String resolveApi(String option, String envValue, Settings saved) {
        if (option != null && !option.isBlank()) {
            return option;
        }
        if (envValue != null && !envValue.isBlank()) {
            return envValue;
        }
        return saved.api() != null ? saved.api() : DEFAULT_API;
    }

    static String resolveToken(String envValue, Settings saved) {
        return envValue != null && !envValue.isBlank() ? envValue.trim() : saved.token();
    }

    static URI parseUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new CliException("not a URL: " + url);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new CliException("the API URL must be http(s)://host[:port], not " + url);
        }
        return uri;
    }
}
