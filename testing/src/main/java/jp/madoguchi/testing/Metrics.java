package jp.madoguchi.testing;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a service's Prometheus text ({@code /q/metrics}) as an operator's dashboard would. */
public final class Metrics {

    private Metrics() {
    }

    /** The value of the first sample of {@code name} whose labels contain every one of {@code labels}; -1 if none. */
    public static double value(String metrics, String name, String... labels) {
        // a meter without tags is written without braces
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "(?:\\{([^}]*)\\})? (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        while (m.find()) {
            String sampleLabels = m.group(1) == null ? "" : m.group(1);
            if (Arrays.stream(labels).allMatch(sampleLabels::contains)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return -1;
    }
}
