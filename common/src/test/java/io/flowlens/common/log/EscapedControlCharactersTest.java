package io.flowlens.common.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class EscapedControlCharactersTest {

    @Test
    void aCallersLineBreakCannotForgeALogLine() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "no resource at %s", ExtLogRecord.FormatStyle.PRINTF,
                EscapedControlCharactersTest.class.getName());
        record.setParameters(new Object[] { "/api/v1/x\n12:00:00 ERROR [admin] granted" });
        assertTrue(new EscapedControlCharacters().isLoggable(record));
        assertEquals("no resource at /api/v1/x\\n12:00:00 ERROR [admin] granted", record.getFormattedMessage());
    }

    @Test
    void anOrdinaryMessageIsUntouched() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "started in %ss", ExtLogRecord.FormatStyle.PRINTF,
                EscapedControlCharactersTest.class.getName());
        record.setParameters(new Object[] { 2 });
        new EscapedControlCharacters().isLoggable(record);
        assertEquals("started in 2s", record.getFormattedMessage());
    }
}
