package io.fjord.deploy.docker;

import java.util.LinkedHashMap;
import java.util.Map;

/** The labels Fjord puts on what it makes, so it can find its containers again and never touch others. */
public final class Labels {
    public static final String MANAGED = "io.fjord.managed";
    public static final String APP = "io.fjord.app";
    public static final String RELEASE = "io.fjord.release";
    public static final String PROCESS = "io.fjord.process";

    private Labels() {
    }

    /** Selects every container of an app. */
    public static Map<String, String> ofApp(String app) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED, "true");
        labels.put(APP, app);
        return labels;
    }

    /** Selects the containers of one release of an app. */
    public static Map<String, String> ofRelease(String app, int version) {
        Map<String, String> labels = ofApp(app);
        labels.put(RELEASE, Integer.toString(version));
        return labels;
    }

    /** The labels of one process type's containers in a release. */
    public static Map<String, String> ofProcess(String app, int version, String process) {
        Map<String, String> labels = ofRelease(app, version);
        labels.put(PROCESS, process);
        return labels;
    }
}
