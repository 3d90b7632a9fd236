package io.fjord.platform.bus;

/**
 * A binding key of the topic exchange as RabbitMQ matches it, so the consumer gives an event to the
 * same handlers the broker delivered it for: words separated by dots, {@code *} stands for exactly one
 * word, {@code #} for zero or more.
 */
final class RoutingKeyPattern {

    private RoutingKeyPattern() {
    }

    static boolean matches(String pattern, String routingKey) {
        return matches(pattern.split("\\.", -1), 0, routingKey.split("\\.", -1), 0);
    }

    private static boolean matches(String[] pattern, int p, String[] key, int k) {
        if (p == pattern.length) {
            return k == key.length;
        }
        if (pattern[p].equals("#")) {
            // Zero words, or one word and # again: patterns have a handful of words, so this stays small.
            return matches(pattern, p + 1, key, k) || (k < key.length && matches(pattern, p, key, k + 1));
        }
        return k < key.length && (pattern[p].equals("*") || pattern[p].equals(key[k]))
                && matches(pattern, p + 1, key, k + 1);
    }
}
