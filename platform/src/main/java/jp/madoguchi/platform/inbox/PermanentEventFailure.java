package jp.madoguchi.platform.inbox;

/**
 * An event that cannot succeed however often it is tried: a payload that does not parse, a reference this
 * service does not know, a state that does not allow it. Handlers throw it; {@link EventInbox} parks the record
 * at once for an operator instead of retrying. The message names ids only, never personal data.
 */
public class PermanentEventFailure extends RuntimeException {

    public PermanentEventFailure(String message) {
        super(message);
    }

    public PermanentEventFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** The event refers to something this service has no record of. */
    public static PermanentEventFailure unknownReference(String what, Object id) {
        return new PermanentEventFailure("unknown " + what + " " + id);
    }
}
