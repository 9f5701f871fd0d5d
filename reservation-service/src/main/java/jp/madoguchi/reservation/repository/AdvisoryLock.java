package jp.madoguchi.reservation.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** A PostgreSQL advisory lock held until the caller's transaction ends: one writer per key at a time. */
public final class AdvisoryLock {

    private AdvisoryLock() {
    }

    public static Uni<Void> hold(String key) {
        // pg_advisory_xact_lock returns void: wrap it so the query has a result to map
        return Panache.getSession().flatMap(s -> s
                .createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtextextended(:key, 0))) l", Long.class)
                .setParameter("key", key)
                .getSingleResult()).replaceWithVoid();
    }
}
