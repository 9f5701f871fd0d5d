package jp.madoguchi.platform.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A business rule said no. Carries what the RFC 9457 answer needs: the HTTP status, a stable problem type
 * and a message key whose Japanese and English texts live in the {@code problems} resource bundles.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final Object[] args;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    /**
     * @param status HTTP status (400, 403, 404, 409, 422, ...)
     * @param type   stable slug of the problem type, also the message key prefix, e.g. {@code reservation.too-late}
     * @param args   arguments of the localised detail message
     */
    public ProblemException(int status, String type, Object... args) {
        super(type);
        this.status = status;
        this.type = type;
        this.args = args;
    }

    /** An extension member of the problem document, e.g. the earliest bookable date. */
    public ProblemException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    /** A header of the answer, e.g. {@code Retry-After} with a 429. */
    public ProblemException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public Object[] args() {
        return args;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "not-found", what, id);
    }

    public static ProblemException forbidden(String type, Object... args) {
        return new ProblemException(403, type, args);
    }

    public static ProblemException conflict(String type, Object... args) {
        return new ProblemException(409, type, args);
    }

    /** Too many requests: {@code retryAfterSeconds} says when to try again (RFC 9110 Retry-After). */
    public static ProblemException tooMany(long retryAfterSeconds, String type, Object... args) {
        return new ProblemException(429, type, args).header("Retry-After", String.valueOf(Math.max(1, retryAfterSeconds)))
                .with("retryAfterSeconds", Math.max(1, retryAfterSeconds));
    }

    public static ProblemException unprocessable(String type, Object... args) {
        return new ProblemException(422, type, args);
    }
}
