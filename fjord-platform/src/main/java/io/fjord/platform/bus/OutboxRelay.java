package io.fjord.platform.bus;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;

import io.fjord.events.Bus;
import io.fjord.events.CloudEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes outbox rows in order and deletes each batch once the broker has confirmed it. While the
 * broker is down rows simply wait; nothing is lost, and a row may be published twice (consumers are
 * idempotent).
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;
    private static final long CONFIRM_TIMEOUT_MS = 10_000;

    private final BusConnection bus;
    private final BusConfig config;
    private final Semaphore signal = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    OutboxRelay(BusConnection bus, BusConfig config) {
        this.bus = bus;
        this.config = config;
    }

    void start(@Observes StartupEvent ignored) {
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Asks the relay to look now: an event was just committed. */
    public void wake() {
        signal.release();
    }

    private void run() {
        Channel channel = null;
        while (running) {
            try {
                if (channel == null || !channel.isOpen()) {
                    channel = bus.openChannel();
                    channel.exchangeDeclare(Bus.EXCHANGE, BuiltinExchangeType.TOPIC, true);
                    channel.confirmSelect();
                }
                while (running && relayBatch(channel) == BATCH) {
                    // a full batch: there may be more
                }
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warnf("outbox relay: %s; the events stay in the outbox and are retried", e.toString());
                channel = null;
            }
            try {
                signal.tryAcquire(config.relayInterval().toMillis(), TimeUnit.MILLISECONDS);
                signal.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private int relayBatch(Channel channel) throws Exception {
        List<OutboxEvent> batch = QuarkusTransaction.requiringNew()
                .call(() -> OutboxEvent.<OutboxEvent>find("order by seq").page(0, BATCH).list());
        if (batch.isEmpty()) {
            return 0;
        }
        for (OutboxEvent row : batch) {
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                    .contentType(CloudEvent.CONTENT_TYPE)
                    .deliveryMode(2)
                    .messageId(row.eventId)
                    .build();
            channel.basicPublish(Bus.EXCHANGE, row.routingKey, props, row.envelope.getBytes(StandardCharsets.UTF_8));
        }
        channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
        List<Long> published = batch.stream().map(row -> row.seq).toList();
        QuarkusTransaction.requiringNew().run(() -> OutboxEvent.delete("seq in ?1", published));
        LOG.debugf("relayed %d events", batch.size());
        return batch.size();
    }
}
