package io.fjord.proxy.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BodySizeTest {

    @ParameterizedTest
    @ValueSource(strings = { "1", "999999", "512k", "50m", "4096m", "999999k" })
    void acceptsSizesUpTo4Gib(String size) {
        assertThat(BodySize.check(size)).isEqualTo(size);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "0", "0m", "50M", "50 m", "50mb", "1g", "-1m", "50m;", "50m; allow all", "4097m", "4194305k",
            "1000000", "01m", "1.5m", "$size" })
    void refusesEverythingElse(String size) {
        assertThatThrownBy(() -> BodySize.check(size)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("\"maxBodySize\"");
    }
}
