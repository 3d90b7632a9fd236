package io.fjord.proxy.route;

/** One server a route sends requests to: a web container's address on Fjord's network and its port. */
public record Upstream(String host, int port) {

    /** Reads {@code host:port}, the form the settings use for the platform's own services. */
    public static Upstream parse(String address) {
        int colon = address == null ? -1 : address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a host:port address: " + address);
        }
        try {
            return new Upstream(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a host:port address: " + address);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
