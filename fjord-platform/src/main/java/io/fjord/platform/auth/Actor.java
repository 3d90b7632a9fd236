package io.fjord.platform.auth;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who made the current request and from where, as the edge told the service: {@code X-Fjord-Actor}
 * (a user or token name from session-service, never a credential), {@code X-Fjord-Role} and
 * {@code X-Real-IP}. Producers put these on the events they emit. Each is null when not known.
 */
@RequestScoped
public class Actor {
    private String name;
    private String role;
    private String ip;

    public String name() {
        return name;
    }

    public String role() {
        return role;
    }

    public String ip() {
        return ip;
    }

    void set(String name, String role, String ip) {
        this.name = name;
        this.role = role;
        this.ip = ip;
    }
}
