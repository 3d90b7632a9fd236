package io.fjord.deploy.docker;

import java.io.IOException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

/** One Docker client for the service; the API version is left to negotiation (the engine speaks 1.41). */
@ApplicationScoped
public class DockerClientProducer {

    @Produces
    @Singleton
    DockerClient dockerClient(DockerConfig config) {
        DefaultDockerClientConfig clientConfig = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(config.host())
                .build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(clientConfig.getDockerHost())
                .sslConfig(clientConfig.getSSLConfig())
                .maxConnections(50)
                .connectionTimeout(Duration.ofSeconds(5))
                // Longer than any stop timeout: the engine answers a stop only once the container is down.
                .responseTimeout(Duration.ofSeconds(90))
                .build();
        return DockerClientImpl.getInstance(clientConfig, http);
    }

    void close(@Disposes DockerClient client) throws IOException {
        client.close();
    }
}
