package io.fjord.cli.domains;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fjord.cli.api.Json;
import org.junit.jupiter.api.Test;

class DomainsTest {
    @Test
    void addReadsThenPutsTheWholeList() throws Exception {
        var current = DomainsList.domains(Json.MAPPER.readTree(
                "{\"app\": \"shop\", \"host\": \"shop.fjord.localhost\", \"domains\": [\"www.shop.example\"]}"));
        assertEquals("GET /api/apps/shop/domains", DomainsList.request("shop").toString());
        assertEquals("PUT /api/apps/shop/domains {\"domains\":[\"www.shop.example\",\"shop.example\"]}",
                DomainsList.replace("shop", DomainsAdd.added(current, "shop.example")).toString());
        assertNull(DomainsAdd.added(current, "www.shop.example"), "already there: nothing to send");
        assertEquals("[\"a.example\"]", DomainsAdd.added(Json.MAPPER.readTree("[]"), "a.example").toString());
    }

    @Test
    void removeDropsOneDomain() throws Exception {
        var current = Json.MAPPER.readTree("[\"a.example\",\"b.example\"]");
        assertEquals("[\"b.example\"]", DomainsRemove.removed(current, "a.example").toString());
        assertNull(DomainsRemove.removed(current, "c.example"), "not there: an error, nothing sent");
    }

    @Test
    void listShowsOneDomainPerLine() throws Exception {
        assertEquals("=== shop Domains\na.example\nb.example\n",
                DomainsList.render("shop", Json.MAPPER.readTree("[\"a.example\",\"b.example\"]")));
        assertEquals("shop has no custom domains.\n", DomainsList.render("shop", Json.MAPPER.readTree("[]")));
    }
}
