package dev.haven.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
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

    /** Seeded random patterns of '*' and '?' against a regular-expression oracle; the seed is in every message. */
    @Test
    void agreesWithARegexOracleOnStarAndQuestionMark() {
        long seed = Long.getLong("haven.wildcard.seed", 20261122L);
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            String pattern = random(random, "ab.*?", 6);
            String name = random(random, "ab.", 7);
            String regex = pattern.replace(".", "\\.").replace("?", ".").replace("*", ".*");
            boolean expected = Pattern.matches(regex, name) || pattern.isEmpty();
            assertEquals(expected, WildcardPattern.of(pattern, false).matches(name),
                    () -> "seed " + seed + ": '" + pattern + "' ~ '" + name + "'");
        }
    }

    private static String random(Random random, String alphabet, int maxLength) {
        StringBuilder sb = new StringBuilder();
        for (int n = random.nextInt(maxLength + 1); n > 0; n--) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
