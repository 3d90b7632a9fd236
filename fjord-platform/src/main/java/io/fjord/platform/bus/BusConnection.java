package io.fjord.platform.bus;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.fjord.events.Bus;

/**
 * The service's connection to RabbitMQ. It recovers by itself after a broker restart (the client's
 * automatic recovery re-declares the topology and the consumers it knew).
 */
@ApplicationScoped
public class BusConnection {
    private static final Logger LOG = Logger.getLogger(BusConnection.class);

    private final BusConfig config;
    private Connection connection;

    BusConnection(BusConfig config) {
        this.config = config;
    }

    synchronized Connection connection() throws IOException {
        if (connection == null) {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setHost(config.host());
            factory.setPort(config.port());
            factory.setUsername(config.username());
            factory.setPassword(config.password());
            factory.setVirtualHost(config.virtualHost());
            factory.setAutomaticRecoveryEnabled(true);
            factory.setTopologyRecoveryEnabled(true);
            factory.setNetworkRecoveryInterval(2000);
            try {
                connection = factory.newConnection(config.queue());
            } catch (TimeoutException e) {
                throw new IOException("RabbitMQ at " + config.host() + ":" + config.port() + " did not answer", e);
            }
            LOG.infof("connected to RabbitMQ at %s:%d", config.host(), config.port());
        }
        return connection;
    }

    Channel openChannel() throws IOException {
        return connection().createChannel();
    }

    /**
     * Declares the exchange, the service's queue bound to {@code routingKeys}, and its dead-letter queue.
     * Declarations are idempotent, so every service declares what it relies on.
     */
    void declareTopology(Channel channel, Set<String> routingKeys) throws IOException {
        channel.exchangeDeclare(Bus.EXCHANGE, BuiltinExchangeType.TOPIC, true);
        channel.exchangeDeclare(Bus.DEAD_LETTER_EXCHANGE, BuiltinExchangeType.DIRECT, true);
        String queue = config.queue();
        String dlq = queue + Bus.DEAD_LETTER_SUFFIX;
        channel.queueDeclare(dlq, true, false, false, null);
        channel.queueBind(dlq, Bus.DEAD_LETTER_EXCHANGE, queue);
        channel.queueDeclare(queue, true, false, false, Map.of(
                "x-dead-letter-exchange", Bus.DEAD_LETTER_EXCHANGE,
                "x-dead-letter-routing-key", queue));
        for (String key : routingKeys) {
            channel.queueBind(queue, Bus.EXCHANGE, key);
        }
    }

    @PreDestroy
    synchronized void close() {
        if (connection != null) {
            try {
                connection.close(2000);
            } catch (IOException | RuntimeException e) {
                LOG.debug("closing the RabbitMQ connection failed", e);
            }
            connection = null;
        }
    }
}
