package dev.berth.cli.opts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Go's parsers as pflag uses them: values and exact error texts. */
class GoParseTest {
    private static String error(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void integers() {
        assertEquals(42, GoParse.parseInt("42", 64));
        assertEquals(-1, GoParse.parseInt("-1", 64));
        assertEquals(255, GoParse.parseInt("0xff", 64));
        assertEquals(8, GoParse.parseInt("010", 64));
        assertEquals(1000, GoParse.parseInt("1_000".replace("_", ""), 64));
        assertEquals("strconv.ParseInt: parsing \"abc\": invalid syntax", error(() -> GoParse.parseInt("abc", 64)));
        assertEquals("strconv.ParseInt: parsing \"99999999999999999999\": value out of range", error(() -> GoParse.parseInt("99999999999999999999", 64)));
        assertEquals(65535, GoParse.parseUint("65535", 16));
        assertEquals("strconv.ParseUint: parsing \"65536\": value out of range", error(() -> GoParse.parseUint("65536", 16)));
        assertEquals("strconv.ParseUint: parsing \"-1\": invalid syntax", error(() -> GoParse.parseUint("-1", 16)));
    }

    @Test
    void booleans() {
        for (String t : List.of("1", "t", "T", "TRUE", "true", "True")) assertEquals(true, GoParse.parseBool(t));
        for (String f : List.of("0", "f", "F", "FALSE", "false", "False")) assertEquals(false, GoParse.parseBool(f));
        assertEquals("strconv.ParseBool: parsing \"yes\": invalid syntax", error(() -> GoParse.parseBool("yes")));
    }

    @Test
    void ramInBytes() {
        assertEquals(64L << 20, GoParse.ramInBytes("64m"));
        assertEquals(64L << 20, GoParse.ramInBytes("64MB"));
        assertEquals(64L << 20, GoParse.ramInBytes("64MiB"));
        assertEquals(1536L << 20, GoParse.ramInBytes("1.5g"));
        assertEquals(100, GoParse.ramInBytes("100"));
        assertEquals(100, GoParse.ramInBytes("100b"));
        assertEquals(1024, GoParse.ramInBytes("1 k"));
        assertEquals("invalid suffix: 'x'", error(() -> GoParse.ramInBytes("1x")));
        assertEquals("invalid size: 'abc'", error(() -> GoParse.ramInBytes("abc")));
        assertEquals("invalid suffix: 'mbb'", error(() -> GoParse.ramInBytes("1mbb")));
        assertEquals("invalid size: '-1'", error(() -> GoParse.ramInBytes("-1")));
    }

    @Test
    void cpus() {
        assertEquals(1_500_000_000L, GoParse.parseCpus("1.5"));
        assertEquals(1_500_000_000L, GoParse.parseCpus("3/2"));
        assertEquals(1L, GoParse.parseCpus("0.000000001"));
        assertEquals("value is too precise", error(() -> GoParse.parseCpus("0.0000000001")));
        assertEquals("failed to parse abc as a rational number", error(() -> GoParse.parseCpus("abc")));
    }

    @Test
    void durations() {
        assertEquals(5_000_000_000L, GoParse.parseDuration("5s"));
        assertEquals(90_000_000_000L, GoParse.parseDuration("1m30s"));
        assertEquals(2_500_000_000L, GoParse.parseDuration("2.5s"));
        assertEquals(1_500_000L, GoParse.parseDuration("1.5ms"));
        assertEquals(3_600_000_000_000L, GoParse.parseDuration("1h"));
        assertEquals(0, GoParse.parseDuration("0"));
        assertEquals(-1_000_000_000L, GoParse.parseDuration("-1s"));
        assertEquals("time: unknown unit \"x\" in duration \"5x\"", error(() -> GoParse.parseDuration("5x")));
        assertEquals("time: missing unit in duration \"5\"", error(() -> GoParse.parseDuration("5")));
        assertEquals("time: invalid duration \"abc\"", error(() -> GoParse.parseDuration("abc")));
    }

    @Test
    void validators() {
        assertEquals(new FlagValues.Ulimit("nofile", 100, 200), FlagValues.ulimit("nofile=100:200"));
        assertEquals(new FlagValues.Ulimit("core", -1, -1), FlagValues.ulimit("core=-1"));
        assertEquals("ulimit soft limit must be less than or equal to hard limit: 20 > 10", error(() -> FlagValues.ulimit("nofile=20:10")));
        assertEquals("X=v", FlagValues.env("X", Map.of("X", "v")));
        assertEquals("Y", FlagValues.env("Y", Map.of()));
        assertEquals("invalid environment variable: =a", error(() -> FlagValues.env("=a", Map.of())));
        assertEquals("h:1.2.3.4", FlagValues.extraHost("h=1.2.3.4"));
        assertEquals("h:::1", FlagValues.extraHost("h:[::1]"));
        assertEquals(new String[] {"on-failure", "3"}[1], FlagValues.restartPolicy("on-failure:3")[1]);
        assertEquals("stdin", FlagValues.attach("STDIN"));
    }
}
