package jp.madoguchi.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.formatters.PatternFormatter;

/**
 * Everything the service logs while it is open, formatted as a log line would be (logger, message with its
 * parameters, exception and causes), from the test JVM's log manager. Lowers {@code jp.madoguchi} to DEBUG while
 * open so that a leak on a debug line is caught too.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final PatternFormatter formatter = new PatternFormatter("%p [%c] %s%e");
    private final List<String> lines = new ArrayList<>();
    private final Logger ours = Logger.getLogger("jp.madoguchi");
    private final Level oursBefore;

    private LogCapture() {
        setLevel(Level.ALL);
        oursBefore = ours.getLevel();
        ours.setLevel(Level.FINE);
        Logger.getLogger("").addHandler(this);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    @Override
    public void publish(LogRecord record) {
        String line = formatter.format(org.jboss.logmanager.ExtLogRecord.wrap(record));
        synchronized (lines) {
            lines.add(line);
        }
    }

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The captured lines that contain any of the values. */
    public List<String> linesContaining(List<String> values) {
        return lines().stream().filter(l -> values.stream().anyMatch(l::contains)).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
        ours.setLevel(oursBefore);
    }
}
