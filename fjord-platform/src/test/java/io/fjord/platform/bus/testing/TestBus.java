package io.fjord.platform.bus.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.fjord.events.Bus;
import io.fjord.events.CloudEvent;
import io.fjord.events.EventJson;

/**
 * The real bus as a test sees it: publishes events as another service would and watches what the
 * service under test emits, on the {@code fjord-test} vhost with the credentials of the environment.
 */
public final class TestBus implements AutoCloseable {
    private final Connection connection;
    private final Channel channel;
    private final LinkedBlockingQueue<CloudEvent> received = new LinkedBlockingQueue<>();

    private TestBus(Connection connection, Channel channel) {
        this.connection = connection;
        this.channel = channel;
    }

    /** Connects and starts recording every event published with one of {@code routingKeys}. */
    public static TestBus watching(String... routingKeys) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(env("FJORD_BUS_HOST", "127.0.0.1"));
        factory.setUsername(env("FJORD_BUS_USERNAME", "fjord"));
        factory.setPassword(env("FJORD_BUS_PASSWORD", ""));
        factory.setVirtualHost("fjord-test");
        Connection connection = factory.newConnection("test-bus");
        Channel channel = connection.createChannel();
        channel.exchangeDeclare(Bus.EXCHANGE, BuiltinExchangeType.TOPIC, true);
        TestBus bus = new TestBus(connection, channel);
        String queue = channel.queueDeclare().getQueue();
        for (String key : routingKeys) {
            channel.queueBind(queue, Bus.EXCHANGE, key);
        }
        channel.basicConsume(queue, true, (tag, delivery) -> bus.received.add(EventJson.read(delivery.getBody())),
                tag -> {
                });
        return bus;
    }

    public CloudEvent publish(String routingKey, String subject, Object data) throws IOException {
        CloudEvent event = EventJson.envelope("/fjord/test", routingKey, subject, data);
        publish(event);
        return event;
    }

    /** Publishes an envelope as it is, e.g. the same one twice to test idempotency. */
    public void publish(CloudEvent event) throws IOException {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType(CloudEvent.CONTENT_TYPE).deliveryMode(2).messageId(event.id()).build();
        channel.basicPublish(Bus.EXCHANGE, event.routingKey(), props, EventJson.write(event));
    }

    /** Waits for a recorded event with this routing key that matches; fails the test after {@code timeout}. */
    public CloudEvent await(String routingKey, Predicate<CloudEvent> matching, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<CloudEvent> skipped = new java.util.ArrayList<>();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                CloudEvent event = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : null;
                if (event == null) {
                    throw new AssertionError("no " + routingKey + " event within " + timeout + "; saw " + skipped.stream()
                            .map(e -> e.type() + "/" + e.subject()).toList());
                }
                if (event.routingKey().equals(routingKey) && matching.test(event)) {
                    return event;
                }
                skipped.add(event);
            }
        } finally {
            received.addAll(skipped);
        }
    }

    /** Events recorded so far and not yet taken by {@link #await}. */
    public List<CloudEvent> recorded() {
        return List.copyOf(received);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void close() throws IOException, TimeoutException {
        connection.close();
    }
}
