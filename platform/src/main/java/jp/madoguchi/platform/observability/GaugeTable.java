package jp.madoguchi.platform.observability;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * One gauge per combination of tag values, filled from a periodic {@code group by} count. A combination missing
 * from the latest count drops to 0 rather than disappearing, so a dashboard sees "none left", not "no data".
 */
public final class GaugeTable {

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final List<String> tagKeys;
    private final Map<List<String>, AtomicLong> values = new ConcurrentHashMap<>();

    public GaugeTable(MeterRegistry registry, String name, String description, String... tagKeys) {
        this.registry = registry;
        this.name = name;
        this.description = description;
        this.tagKeys = List.of(tagKeys);
    }

    /** Replaces every value with the given counts; each row is the tag values (in tagKeys order) and the count last. */
    public void update(List<Object[]> rows) {
        Set<List<String>> seen = new HashSet<>();
        for (Object[] row : rows) {
            String[] tagValues = new String[tagKeys.size()];
            for (int i = 0; i < tagValues.length; i++) {
                tagValues[i] = row[i] == null ? "none" : row[i].toString();
            }
            List<String> key = List.of(tagValues);
            seen.add(key);
            holder(key).set(((Number) row[tagKeys.size()]).longValue());
        }
        values.forEach((key, value) -> {
            if (!seen.contains(key)) {
                value.set(0);
            }
        });
    }

    /** The current value for these tag values (0 if never seen); for tests and diagnostics. */
    public long value(String... tagValues) {
        AtomicLong v = values.get(List.of(tagValues));
        return v == null ? 0 : v.get();
    }

    private AtomicLong holder(List<String> key) {
        return values.computeIfAbsent(key, k -> {
            AtomicLong value = new AtomicLong();
            Tags tags = Tags.empty();
            for (int i = 0; i < tagKeys.size(); i++) {
                tags = tags.and(tagKeys.get(i), k.get(i));
            }
            Gauge.builder(name, value, AtomicLong::get).description(description).tags(tags).register(registry);
            return value;
        });
    }
}
