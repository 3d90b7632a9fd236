package io.fjord.deploy.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import com.github.dockerjava.api.exception.NotFoundException;

class DockerErrorsTest {

    @Test
    void keepsTheEnginesMessage() {
        assertEquals("No such image: fjord/shop:7",
                DockerErrors.describe(new NotFoundException("Status 404: {\"message\":\"No such image: fjord/shop:7\"}\n")));
    }

    @Test
    void otherErrorsKeepTheirMessage() {
        assertEquals("boom", DockerErrors.describe(new IllegalStateException("boom")));
        assertEquals("IllegalStateException", DockerErrors.describe(new IllegalStateException()));
    }
}
