package dev.berth.engine.spec;

import dev.berth.common.BerthException;
import java.util.BitSet;

/** The cpuset list format ("0-2,4") with Docker's parser rules and messages (pkg/parsers ParseUintList). */
final class CpusetList {
    private CpusetList() {}

    /**
     * The numbers in the list; "" is none. maximum 0 means no upper bound.
     *
     * @throws BerthException "invalid format: VAL" or "value of out range, maximum is N" (sic, Docker's text)
     */
    static BitSet parse(String val, int maximum) {
        BitSet out = new BitSet();
        if (val == null || val.isEmpty()) return out;
        for (String r : val.split(",", -1)) {
            int dash = r.indexOf('-');
            if (dash < 0) {
                int v = number(r, val);
                checkMax(v, maximum);
                out.set(v);
            } else {
                int min = number(r.substring(0, dash), val);
                int max = number(r.substring(dash + 1), val);
                if (max < min) throw Errors.invalid("invalid format: " + val);
                checkMax(max, maximum);
                out.set(min, max + 1);
            }
        }
        return out;
    }

    private static void checkMax(int v, int maximum) {
        if (maximum != 0 && v > maximum) throw Errors.invalid("value of out range, maximum is " + maximum);
    }

    /** Go's strconv.Atoi: optional sign, decimal digits; negative numbers make no sense here. */
    private static int number(String s, String whole) {
        if (!s.matches("[+]?\\d{1,9}")) throw Errors.invalid("invalid format: " + whole);
        return Integer.parseInt(s.startsWith("+") ? s.substring(1) : s);
    }
}
