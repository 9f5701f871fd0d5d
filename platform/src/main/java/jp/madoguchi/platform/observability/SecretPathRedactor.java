package jp.madoguchi.platform.observability;

import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.inject.Singleton;

/**
 * Keeps bearer secrets that travel in a path (the signed re-consent link {@code /reconsent/<token>}) out of traces:
 * as a span starts, the path segment after each configured prefix is replaced in the URL attributes, before any
 * exporter sees them. The route ({@code http.route}) and the span name are templates already. Quarkus registers every
 * {@link SpanProcessor} bean with the tracer.
 *
 * <p>Prefixes: {@code madoguchi.observability.secret-path-prefixes} (e.g. {@code /reconsent/}), none by default.
 */
@Singleton
public class SecretPathRedactor implements SpanProcessor {

    static final String REDACTED = "{redacted}";
    /** Every attribute a server or client span may carry the request's path or URL in (current and older names). */
    private static final List<AttributeKey<String>> URL_ATTRIBUTES = List.of(AttributeKey.stringKey("url.path"),
            AttributeKey.stringKey("url.full"), AttributeKey.stringKey("url.original"), AttributeKey.stringKey("http.target"),
            AttributeKey.stringKey("http.url"));

    private final List<String> prefixes;

    public SecretPathRedactor(@ConfigProperty(name = "madoguchi.observability.secret-path-prefixes")
            Optional<List<String>> prefixes) {
        this.prefixes = prefixes.orElse(List.of()).stream().map(String::trim).filter(p -> !p.isEmpty()).toList();
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        if (prefixes.isEmpty()) {
            return;
        }
        for (AttributeKey<String> key : URL_ATTRIBUTES) {
            String value = span.getAttribute(key);
            if (value != null) {
                String redacted = redact(value, prefixes);
                if (!redacted.equals(value)) {
                    span.setAttribute(key, redacted);
                }
            }
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        // nothing: the attributes were cleaned at start
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }

    /** {@code /reconsent/abc.def?x=1} with prefix {@code /reconsent/}: {@code /reconsent/{redacted}?x=1}. */
    static String redact(String value, List<String> prefixes) {
        String result = value;
        for (String prefix : prefixes) {
            int from = 0;
            int at;
            while ((at = result.indexOf(prefix, from)) >= 0) {
                int start = at + prefix.length();
                int end = start;
                while (end < result.length() && "/?#".indexOf(result.charAt(end)) < 0) {
                    end++;
                }
                if (end > start) {
                    result = result.substring(0, start) + REDACTED + result.substring(end);
                }
                from = start + (end > start ? REDACTED.length() : 0);
            }
        }
        return result;
    }
}
