package jp.madoguchi.platform.paging;

import java.util.List;
import java.util.function.Function;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;

/** One page of a list and the size of the whole list. */
public record Page<T>(List<T> items, PageRequest request, long total) {

    public boolean hasNext() {
        return (long) (request.page() + 1) * request.size() < total;
    }

    /** The number of the last page (0 for an empty list). */
    public int lastPage() {
        return total == 0 ? 0 : (int) ((total - 1) / request.size());
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), request, total);
    }

    /**
     * Runs {@code query} for one page and counts the whole result, in the caller's session. The query's order must be
     * total (end with a unique column) or pages may overlap.
     */
    public static <E> Uni<Page<E>> of(PanacheQuery<E> query, PageRequest request) {
        return query.count().flatMap(total -> query.page(request.page(), request.size()).list()
                .map(items -> new Page<>(items, request, total)));
    }

    /** A page cut from a list already in memory (small, naturally bounded lists such as an office's closures). */
    public static <E> Page<E> slice(List<E> all, PageRequest request) {
        int from = (int) Math.min(all.size(), (long) request.offset());
        int to = Math.min(all.size(), from + request.size());
        return new Page<>(List.copyOf(all.subList(from, to)), request, all.size());
    }
}
