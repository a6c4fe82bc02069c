package io.flowlens.common.log;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.flowlens.common.request.ControlCharacters;
import io.quarkus.logging.LoggingFilter;

/**
 * One log record, one line: a message carrying a caller's text (a path with {@code %0a}, a
 * header, a field) shows its control characters escaped, so it cannot forge a line of its own.
 * Tabs stay as they are; a stack trace ({@code %e}) is not part of the message and keeps its lines.
 * Enabled per service with {@code quarkus.log.console.filter=escape-control-characters}.
 */
@LoggingFilter(name = "escape-control-characters")
public final class EscapedControlCharacters implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        if (message != null && hasLineBreakingCharacter(message)) {
            String escaped = ControlCharacters.escape(message);
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(escaped, ExtLogRecord.FormatStyle.NO_FORMAT);
            } else {
                record.setMessage(escaped);
            }
            record.setParameters(null);
        }
        return true;
    }

    private static boolean hasLineBreakingCharacter(String message) {
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c != '\t' && Character.isISOControl(c)) {
                return true;
            }
        }
        return false;
    }
}
