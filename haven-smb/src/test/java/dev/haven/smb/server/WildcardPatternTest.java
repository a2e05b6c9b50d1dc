package dev.haven.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** [MS-FSA] 2.1.4.4 wildcard rules, including the DOS forms {@code <}, {@code >} and {@code "}. */
class WildcardPatternTest {
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "*|anything.txt|true",
        "''|anything|true",
        "*.txt|a.txt|true",
        "*.txt|a.txt.bak|false",
        "*.txt|.txt|true",
        "a?c|abc|true",
        "a?c|ac|false",
        "a?c|abbc|false",
        "*a*b*|xaybz|true",
        "*a*b*|xbya|false",
        "readme.TXT|README.txt|true",
        "<.txt|a.b.txt|true",
        "<.txt|a.txt|true",
        "<|abc|true",
        "<.|abc.|true",
        "<.*|a.b.c|true",
        "a<|a.b|false",
        "a<\"b|a.b|true",
        ">>>|ab|true",
        ">>>|abc|true",
        ">>>|abcd|false",
        "a>.txt|a.txt|true",
        "a>.txt|ab.txt|true",
        "a>.txt|abc.txt|false",
        "abc\"|abc|true",
        "abc\"|abc.|true",
        "abc\"|abcd|false",
        "*\"*|abc|true",
    })
    void matchesAsMsFsaSays(String pattern, String name, boolean expected) {
        assertEquals(expected, WildcardPattern.of(pattern, true).matches(name));
    }

    @ParameterizedTest
    @CsvSource({"A.txt,a.txt,false", "a.txt,a.txt,true"})
    void isCaseSensitiveOnCaseSensitiveFileSystems(String pattern, String name, boolean expected) {
        assertEquals(expected, WildcardPattern.of(pattern, false).matches(name));
    }
}
