package io.fjord.build.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders the pre-receive hook from the {@code git/pre-receive.sh} resource. Each {@code @NAME@}
 * placeholder becomes a single-quoted shell word, so no value can run as code in the hook.
 */
public final class HookTemplate {
    private final String template;

    public HookTemplate(String template) {
        this.template = template;
    }

    public static HookTemplate fromResource() {
        try (InputStream in = HookTemplate.class.getResourceAsStream("/git/pre-receive.sh")) {
            if (in == null) {
                throw new IllegalStateException("git/pre-receive.sh is missing from the classpath");
            }
            return new HookTemplate(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String render(String app, GitConfig.Hook hook) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("APP", app);
        values.put("BUILD_URL", stripSlash(hook.buildUrl()));
        values.put("DEPLOY_URL", stripSlash(hook.deployUrl()));
        values.put("DOMAIN", hook.domain());
        values.put("RELEASE_TIMEOUT", Long.toString(Math.max(1, hook.releaseTimeout().toSeconds())));
        String script = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            script = script.replace("@" + value.getKey() + "@", shellQuote(value.getValue()));
        }
        return script;
    }

    /** A single-quoted shell word; a quote inside becomes {@code '\''}. */
    static String shellQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
