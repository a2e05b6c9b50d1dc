package dev.haven.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogFormatTest {
    @Test
    void writesOneLinePerEventWithTimeLevelLoggerAndMessage() {
        LogRecord r = new LogRecord(Level.WARNING, "client {0} sent\na bad frame");
        r.setParameters(new Object[] {"10.0.0.1"});
        r.setLoggerName("dev.haven.smb.X");
        r.setInstant(java.time.Instant.parse("2026-11-22T05:30:00.123Z"));
        assertEquals("2026-11-22T05:30:00.123Z WARN dev.haven.smb.X client 10.0.0.1 sent a bad frame\n",
                new LogFormat().format(r));
    }

    @Test
    void appendsTheStackTraceOfAThrowable() {
        LogRecord r = new LogRecord(Level.SEVERE, "boom");
        r.setLoggerName("l");
        r.setThrown(new IOException("disk"));
        String text = new LogFormat().format(r);
        assertTrue(text.contains(" ERROR l boom\njava.io.IOException: disk\n"), text);
    }

    @Test
    void namesLevelsAsSystemLoggerDoes() {
        assertEquals("INFO", LogFormat.levelName(Level.INFO));
        assertEquals("DEBUG", LogFormat.levelName(Level.FINE));
        assertEquals("TRACE", LogFormat.levelName(Level.FINEST));
    }
}
