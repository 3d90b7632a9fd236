package io.fjord.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EventJsonTest {

    @Test
    void roundTripsAnEnvelopeAndItsData() {
        var data = new BuildSucceeded("shop", 7, "fjord/shop:7", "sha256:abc", "deadbeef", Map.of("web", "httpd"), 8080);
        CloudEvent sent = EventJson.envelope("/fjord/build-service", RoutingKeys.BUILD_SUCCEEDED, "shop", data);

        CloudEvent received = EventJson.read(EventJson.write(sent));

        assertEquals("1.0", received.specversion());
        assertEquals("fjord.build.succeeded", received.type());
        assertEquals("build.succeeded", received.routingKey());
        assertEquals("shop", received.subject());
        assertEquals(sent.id(), received.id());
        assertEquals(data, EventJson.data(received, BuildSucceeded.class));
    }

    @Test
    void readsNestedRecords() {
        var data = new RoutesChanged("shop", 3, List.of(new RoutesChanged.Upstream("172.18.0.5", 5000)));
        CloudEvent event = EventJson.read(EventJson.write(EventJson.envelope("/x", RoutingKeys.ROUTES_CHANGED, "shop", data)));
        assertEquals(data, EventJson.data(event, RoutesChanged.class));
    }

    @Test
    void carriesTheActorOnlyWhenKnown() {
        CloudEvent byUser = EventJson.envelope("/x", RoutingKeys.APP_CREATED, "shop", new AppCreated("shop"), "user:ann", "10.1.2.3");
        CloudEvent read = EventJson.read(EventJson.write(byUser));
        assertEquals("user:ann", read.actor());
        assertEquals("10.1.2.3", read.actorip());

        String bySystem = new String(EventJson.write(EventJson.envelope("/x", RoutingKeys.APP_CREATED, "shop", new AppCreated("shop"))),
                StandardCharsets.UTF_8);
        assertEquals(false, bySystem.contains("actor"));
    }

    @Test
    void refusesWhatIsNotAnEnvelope() {
        assertThrows(IllegalArgumentException.class, () -> EventJson.read("{\"hello\":1}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> EventJson.read("not json".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> Bus.routingKeyOf("com.example.other"));
    }
}
