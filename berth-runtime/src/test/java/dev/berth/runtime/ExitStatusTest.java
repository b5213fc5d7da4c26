package dev.berth.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExitStatusTest {
    @Test
    void exitedProcessesKeepTheirCode() {
        assertEquals(new ExitStatus(0, 0, false), ExitStatus.fromWaitStatus(0, false));
        assertEquals(new ExitStatus(3, 0, false), ExitStatus.fromWaitStatus(3 << 8, false));
        assertEquals(new ExitStatus(255, 0, true), ExitStatus.fromWaitStatus(255 << 8, true));
    }

    @Test
    void killedProcessesReport128PlusTheSignal() {
        assertEquals(new ExitStatus(137, 9, false), ExitStatus.fromWaitStatus(9, false));
        assertEquals(new ExitStatus(143, 15, false), ExitStatus.fromWaitStatus(15, false));
        // the core-dump bit (0x80) does not change the signal
        assertEquals(new ExitStatus(134, 6, true), ExitStatus.fromWaitStatus(6 | 0x80, true));
    }
}
