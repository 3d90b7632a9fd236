package io.fjord.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode; {@code subject} is the app. Two extension
 * attributes name who caused the event through the API and from where ({@code actor}: a user or
 * token name, never a credential); both are absent for events the platform makes by itself.
 */
public record CloudEvent(String specversion, String id, String source, String type, String subject,
        String time, String datacontenttype, JsonNode data,
        @JsonInclude(JsonInclude.Include.NON_NULL) String actor,
        @JsonInclude(JsonInclude.Include.NON_NULL) String actorip) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    public String routingKey() {
        return Bus.routingKeyOf(type);
    }
}
