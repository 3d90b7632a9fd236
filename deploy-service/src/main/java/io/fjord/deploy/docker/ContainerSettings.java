package io.fjord.deploy.docker;

import java.util.List;

/**
 * The limits and hygiene of an app's containers: the platform's defaults with the app's own settings
 * applied. {@code nanoCpus} 0 means no CPU limit. {@code capAdd}: capabilities given back after all are
 * dropped. {@code init} runs a tiny init as PID 1, so SIGTERM reaches apps that never installed a handler
 * (PID 1 ignores it by default) and zombies are reaped.
 */
public record ContainerSettings(String network, long memoryBytes, long nanoCpus, long pidsLimit, List<String> capAdd,
        String logMaxSize, int logMaxFile, boolean init) {
}
