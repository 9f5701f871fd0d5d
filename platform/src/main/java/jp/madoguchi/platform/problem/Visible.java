package jp.madoguchi.platform.problem;

import java.util.function.Predicate;

import io.smallrye.mutiny.Uni;

/**
 * What a caller may not see does not exist for them: someone else's reservation, another office's meeting
 * answer 404 exactly like an id that was never issued, so ids reveal nothing.
 */
public final class Visible {

    private Visible() {
    }

    /** The looked-up item if it exists and {@code visible} accepts it; otherwise a 404 problem naming {@code what}. */
    public static <T> Uni<T> orNotFound(Uni<T> lookup, Predicate<T> visible, String what, Object id) {
        return lookup
                .onItem().ifNotNull().transform(item -> visible.test(item) ? item : null)
                .onItem().ifNull().failWith(() -> ProblemException.notFound(what, id));
    }
}
