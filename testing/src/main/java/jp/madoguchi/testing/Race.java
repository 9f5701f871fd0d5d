package jp.madoguchi.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Calls started together, each on a thread of its own (the common pool has one thread on a two-core machine). */
public final class Race {

    private Race() {
    }

    /** Runs every call at once and returns their results in the order given. */
    @SafeVarargs
    public static <T> List<T> of(Callable<T>... calls) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(calls.length);
        try {
            List<Future<T>> running = new ArrayList<>();
            for (Callable<T> call : calls) {
                running.add(threads.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> r : running) {
                results.add(r.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
