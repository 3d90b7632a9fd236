package io.fjord.events;

/** Names on the RabbitMQ bus shared by every service. */
public final class Bus {
    private Bus() {
    }

    /** The one durable topic exchange every event is published to. */
    public static final String EXCHANGE = "fjord.events";
    /** Where a queue sends the messages its consumer rejected; each DLQ is bound with its queue's name. */
    public static final String DEAD_LETTER_EXCHANGE = "fjord.events.dlx";
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    public static final String QUEUE_BUILD = "fjord.build-service";
    public static final String QUEUE_DEPLOY = "fjord.deploy-service";
    public static final String QUEUE_PROXY = "fjord.proxy-config-service";
    public static final String QUEUE_SESSION = "fjord.session-service";

    /** CloudEvents {@code type} of a routing key: {@code build.succeeded} is {@code fjord.build.succeeded}. */
    public static String typeOf(String routingKey) {
        return "fjord." + routingKey;
    }

    public static String routingKeyOf(String type) {
        if (type == null || !type.startsWith("fjord.")) {
            throw new IllegalArgumentException("not a Fjord event type: " + type);
        }
        return type.substring("fjord.".length());
    }
}
