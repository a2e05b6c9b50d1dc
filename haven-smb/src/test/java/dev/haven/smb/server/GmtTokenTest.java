package dev.haven.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GmtTokenTest {
    @ParameterizedTest
    @CsvSource({
        "@GMT-2026.11.22-07.00.00, 2026-11-22T07:00:00Z",
        "@GMT-1999.12.31-23.59.59, 1999-12-31T23:59:59Z",
        "@GMT-2024.02.29-12.34.56, 2024-02-29T12:34:56Z",
        "@GMT-0001.01.01-00.00.00, 0001-01-01T00:00:00Z",
    })
    void parsesTokensAsUtcSeconds(String text, String instant) {
        GmtToken token = GmtToken.parse(text).orElseThrow();
        assertEquals(Instant.parse(instant), token.time());
        assertEquals(text, token.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "@GMT-", "@GMT-2026.11.22-07.00", "@GMT-2026.11.22-07.00.000", "@gmt-2026.11.22-07.00.00",
        "@GMT_2026.11.22-07.00.00", "@GMT-2026-11-22-07.00.00", "@GMT-2026.11.22.07.00.00",
        "@GMT-2026.11.22-07:00:00", "@GMT-2026.13.22-07.00.00", "@GMT-2026.02.30-07.00.00",
        "@GMT-2026.11.22-24.00.00", "@GMT-2026.11.22-07.60.00", "@GMT-2026.11.22-07.00.60",
        "@GMT-2026.1a.22-07.00.00", "@GMT-+026.11.22-07.00.00", "x@GMT-2026.11.22-07.00.0",
        "@GMT-2025.02.29-00.00.00", "@GMT-2026.00.01-00.00.00", "@GMT-2026.01.00-00.00.00",
    })
    void malformedTokensAreOrdinaryNames(String text) {
        assertTrue(GmtToken.parse(text).isEmpty(), text);
    }

    @Test
    void tokenOfAnInstantRoundsDownToTheSecond() {
        assertEquals("@GMT-2026.11.22-07.05.09", GmtToken.of(Instant.parse("2026-11-22T07:05:09.999999Z")).toString());
    }
}
