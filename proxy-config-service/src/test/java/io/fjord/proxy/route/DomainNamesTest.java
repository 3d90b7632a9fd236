package io.fjord.proxy.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNamesTest {
    private final DomainNames names = new DomainNames("fjord.localhost");

    /** What a user might type, or an attacker try, to get syntax into an nginx file. */
    static List<String> hostile() {
        return List.of("", " ", "shop.example;", "shop.example; include /etc/passwd", "shop.example{", "shop.example}",
                "{shop.example", "shop.example'", "shop.example\"", "\"shop.example\"", "$host", "shop.$host.example",
                "shop.example\n", "shop.example\nserver_name evil.example", "shop.example\r", "shop\t.example",
                "shop .example", " shop.example", "www.shop.example ", "shöp.example", "xn--shp-sna.example\u200b",
                "\u0441hop.example", "shop.example\u0000", "a".repeat(64) + ".example", ("a".repeat(63) + ".").repeat(4)
                        + "example",
                "shop..example", ".shop.example", "shop.example.", "..", ".", "-shop.example", "shop-.example",
                "shop.-example", "shop_1.example", "shop.example/", "shop.example:80", "http://shop.example",
                "*.*.shop.example", "www.*.shop.example", "*shop.example", "*", "*.", "*.example.", "shop", "localhost",
                "192.168.1.1", "1.2.3.4", "shop.123", "WWW.Shop.Example", "shop.example#", "shop.example\\",
                "shop.example`id`", "shop.example|x", "shop.example&", "shop.example,other.example");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void refusesWhatIsNotAHostName(String domain) {
        assertThatThrownBy(() -> names.check(List.of("fine.example", domain)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("\"" + DomainNames.shown(domain) + "\" is not a domain an app can have: ")
                .hasMessageNotContaining("\n").hasMessageNotContaining("\r");
    }

    @ParameterizedTest
    @ValueSource(strings = { "shop.example", "www.shop.example", "*.shop.example", "xn--shp-sna.example", "a.b.c.d.example",
            "shop-1.example", "1shop.example", "a.io" })
    void acceptsHostNamesAndWildcards(String domain) {
        assertThat(names.check(List.of(domain))).containsExactly(domain);
    }

    @Test
    void acceptsTheLongestNames() {
        String label = "a".repeat(63);
        String longest = label + "." + label + "." + label + "." + "b".repeat(61);
        assertThat(longest).hasSize(253);

        assertThat(names.check(List.of(longest))).containsExactly(longest);
        assertThatThrownBy(() -> names.check(List.of(longest + "b"))).hasMessageContaining("longer than 253 characters");
    }

    @Test
    void saysWhatIsWrong() {
        assertThatThrownBy(() -> names.check(List.of("WWW.Shop.Example"))).hasMessageEndingWith("write it in lower case");
        assertThatThrownBy(() -> names.check(List.of("shop.example."))).hasMessageEndingWith("must not end with a dot");
        assertThatThrownBy(() -> names.check(List.of("shop..example"))).hasMessageEndingWith("it has an empty label");
        assertThatThrownBy(() -> names.check(List.of("shop"))).hasMessageEndingWith("at least two labels, as in example.com");
        assertThatThrownBy(() -> names.check(List.of("a.b.*.example"))).hasMessageContaining("whole first label");
        assertThatThrownBy(() -> names.check(List.of("shop.example\n"))).hasMessage(
                "\"shop.example\\x0a\" is not a domain an app can have: only the letters a-z, digits, '-' and '.' (and a"
                        + " leading '*.') are allowed");
        assertThatThrownBy(() -> names.check(List.of("shöp.example"))).hasMessageStartingWith("\"sh\\u00f6p.example\"");
        List<String> withNull = new ArrayList<>(List.of("shop.example"));
        withNull.add(null);
        assertThatThrownBy(() -> names.check(withNull)).hasMessage("\"\" is not a domain an app can have: it is empty");
        assertThatThrownBy(() -> names.check(null)).hasMessageContaining("\"domains\" is required");
    }

    @ParameterizedTest
    @ValueSource(strings = { "fjord.localhost", "shop.fjord.localhost", "*.fjord.localhost", "api.fjord.localhost",
            "a.b.fjord.localhost" })
    void refusesThePlatformsOwnDomain(String domain) {
        assertThatThrownBy(() -> names.check(List.of(domain))).hasMessageContaining("the platform's own domain fjord.localhost");
    }

    @Test
    void sortsAndDropsDuplicates() {
        assertThat(names.check(List.of("www.shop.example", "*.shop.example", "www.shop.example", "a.shop.example")))
                .containsExactly("*.shop.example", "a.shop.example", "www.shop.example");
        assertThat(names.check(List.of())).isEmpty();
    }

    @Test
    void anAppHasAtMostAHundredDomains() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= DomainNames.MAX_PER_APP; i++) {
            many.add("d" + i + ".example");
        }
        Collections.shuffle(many);

        assertThatThrownBy(() -> names.check(many)).hasMessage("an app has at most 100 domains, not 101");
        assertThat(names.check(many.subList(0, 100))).hasSize(100);
    }
}
