package dev.berth.cli.opts;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters that parse flag values as the docker CLI's pflag types do. A failure's
 * message is Go's; {@link FlagErrors} wraps it as "invalid argument ... for ... flag: ...".
 */
public final class Converters {
    private Converters() {}

    private interface Parser<T> {
        T parse(String s);
    }

    private static <T> T run(Parser<T> p, String s) {
        try {
            return p.parse(s);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    public static final class GoBool implements ITypeConverter<Boolean> {
        public Boolean convert(String s) {
            return run(GoParse::parseBool, s);
        }
    }

    public static final class GoInt implements ITypeConverter<Integer> {
        public Integer convert(String s) {
            return run(v -> (int) GoParse.parseInt(v, 64), s);
        }
    }

    public static final class GoInt64 implements ITypeConverter<Long> {
        public Long convert(String s) {
            return run(v -> GoParse.parseInt(v, 64), s);
        }
    }

    public static final class GoUint16 implements ITypeConverter<Integer> {
        public Integer convert(String s) {
            return run(v -> (int) GoParse.parseUint(v, 16), s);
        }
    }

    public static final class GoUint64 implements ITypeConverter<Long> {
        public Long convert(String s) {
            return run(v -> GoParse.parseUint(v, 64), s);
        }
    }

    public static final class MemBytes implements ITypeConverter<Long> {
        public Long convert(String s) {
            return run(GoParse::ramInBytes, s);
        }
    }

    public static final class MemSwapBytes implements ITypeConverter<Long> {
        public Long convert(String s) {
            return s.equals("-1") ? -1L : run(GoParse::ramInBytes, s);
        }
    }

    public static final class NanoCpus implements ITypeConverter<Long> {
        public Long convert(String s) {
            return run(GoParse::parseCpus, s);
        }
    }

    public static final class Duration implements ITypeConverter<Long> {
        public Long convert(String s) {
            return run(GoParse::parseDuration, s);
        }
    }

    public static final class Env implements ITypeConverter<String> {
        public String convert(String s) {
            return run(v -> FlagValues.env(v, System.getenv()), s);
        }
    }

    public static final class Label implements ITypeConverter<String> {
        public String convert(String s) {
            return run(FlagValues::label, s);
        }
    }

    public static final class Ulimit implements ITypeConverter<FlagValues.Ulimit> {
        public FlagValues.Ulimit convert(String s) {
            return run(FlagValues::ulimit, s);
        }
    }

    public static final class Sysctl implements ITypeConverter<String> {
        public String convert(String s) {
            return run(FlagValues::sysctl, s);
        }
    }

    public static final class ThrottleBps implements ITypeConverter<FlagValues.ThrottleDevice> {
        public FlagValues.ThrottleDevice convert(String s) {
            return run(FlagValues::throttleBps, s);
        }
    }

    public static final class ThrottleIops implements ITypeConverter<FlagValues.ThrottleDevice> {
        public FlagValues.ThrottleDevice convert(String s) {
            return run(FlagValues::throttleIops, s);
        }
    }

    public static final class WeightDevice implements ITypeConverter<FlagValues.WeightDevice> {
        public FlagValues.WeightDevice convert(String s) {
            return run(FlagValues::weightDevice, s);
        }
    }

    public static final class Attach implements ITypeConverter<String> {
        public String convert(String s) {
            return run(FlagValues::attach, s);
        }
    }

    public static final class DeviceCgroupRule implements ITypeConverter<String> {
        public String convert(String s) {
            return run(FlagValues::deviceCgroupRule, s);
        }
    }

    public static final class Ip implements ITypeConverter<String> {
        public String convert(String s) {
            return run(FlagValues::ip, s);
        }
    }

    public static final class ExtraHost implements ITypeConverter<String> {
        public String convert(String s) {
            return run(FlagValues::extraHost, s);
        }
    }

    public static final class DnsSearch implements ITypeConverter<String> {
        public String convert(String s) {
            return run(FlagValues::dnsSearch, s);
        }
    }

    public static final class Link implements ITypeConverter<String> {
        public String convert(String s) {
            return run(FlagValues::link, s);
        }
    }

    public static final class Mount implements ITypeConverter<Specs.MountValue> {
        public Specs.MountValue convert(String s) {
            return run(v -> new Specs.MountValue(Specs.mount(v)), s);
        }
    }

    public static final class Network implements ITypeConverter<Specs.Network> {
        public Specs.Network convert(String s) {
            return run(Specs::network, s);
        }
    }

    /** opts.FilterOpt: name=value, name lower-cased. */
    public static final class Filter implements ITypeConverter<String> {
        public String convert(String s) {
            if (!s.contains("=")) throw new TypeConversionException("bad format of filter (expected name=value)");
            int eq = s.indexOf('=');
            return s.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT) + "=" + s.substring(eq + 1).strip();
        }
    }
}
