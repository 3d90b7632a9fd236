package io.fjord.cli.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogsTest {
    @Test
    void followsOnlyWithTail() {
        assertEquals("GET /api/apps/shop/logs?follow=true", Logs.request("shop", true).toString());
        assertEquals("GET /api/apps/shop/logs", Logs.request("shop", false).toString());
    }
}
