package jp.madoguchi.platform.observability;

import java.util.HashMap;
import java.util.Map;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * The W3C trace context ({@code traceparent}, {@code tracestate}) as plain strings, so it can be stored with an
 * outbox row and carried across the gap between the writing transaction and the relay that publishes later.
 */
public record TraceContext(String traceParent, String traceState) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    /** Longest tracestate kept; the W3C limit is 512 characters. */
    private static final int MAX_STATE = 512;

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    /** The trace context of the current span; both fields null when there is none (no span, or tracing off). */
    public static TraceContext current() {
        Map<String, String> headers = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, Map::put);
        String state = headers.get(TRACESTATE);
        if (state != null && (state.isBlank() || state.length() > MAX_STATE)) {
            state = null;
        }
        return new TraceContext(headers.get(TRACEPARENT), state);
    }

    public boolean isEmpty() {
        return traceParent == null;
    }

    /** An OpenTelemetry context whose remote parent is this trace context; the root context when empty. */
    public Context asParent() {
        if (isEmpty()) {
            return Context.root();
        }
        Map<String, String> headers = new HashMap<>();
        headers.put(TRACEPARENT, traceParent);
        if (traceState != null) {
            headers.put(TRACESTATE, traceState);
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, MAP_GETTER);
    }
}
