package jp.madoguchi.consent;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Singleton;

/**
 * Every span that ends, as an exporter would receive it. Only sampled spans end here, and spans are sampled only in
 * the test profile that turns sampling on ({@link ReconsentTelemetryTest}).
 */
@Singleton
public class RecordedSpans implements SpanProcessor {

    private final List<SpanData> spans = new ArrayList<>();

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        // recorded when it ends, with all its attributes
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public synchronized void onEnd(ReadableSpan span) {
        spans.add(span.toSpanData());
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    public synchronized List<SpanData> all() {
        return List.copyOf(spans);
    }
}
