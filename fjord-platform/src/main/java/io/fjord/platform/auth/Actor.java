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

    /**
     * Whether the caller may see {@code app} in a list: an admin, a role on that very app, or any caller
     * where the edge named no role (the check is off). Calls on one app are judged at the edge already;
     * this keeps lists from naming apps the caller has no role on.
     */
    public boolean sees(String app) {
        return sees(role, app);
    }

    static boolean sees(String role, String app) {
        if (role == null || role.equals("admin")) {
            return true;
        }
        String[] parts = role.split(":", -1);
        return parts.length == 3 && parts[0].equals("app") && parts[1].equals(app);
    }

    void set(String name, String role, String ip) {
        this.name = name;
        this.role = role;
        this.ip = ip;
    }
}
