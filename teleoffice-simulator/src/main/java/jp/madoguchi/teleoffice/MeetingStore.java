package jp.madoguchi.teleoffice;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The simulator's meetings, in memory: a restart forgets them, as a fresh provider account would. One meeting
 * per idempotency key, whatever the concurrency, so a caller that repeats a create gets the first one back.
 */
@ApplicationScoped
public class MeetingStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SimMeeting> byId = new ConcurrentHashMap<>();
    private final Map<String, SimMeeting> byKey = new ConcurrentHashMap<>();

    /** The meeting of this key, created by {@code create} (given a fresh id) when there is none yet. */
    Created createOnce(String idempotencyKey, Function<String, SimMeeting> create) {
        String id = "TO-" + (100_000_000 + RANDOM.nextInt(900_000_000));
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            SimMeeting m = create.apply(id);
            byId.put(m.id, m);
            return new Created(m, true);
        }
        boolean[] fresh = {false};
        SimMeeting m = byKey.computeIfAbsent(idempotencyKey, k -> {
            fresh[0] = true;
            SimMeeting created = create.apply(id);
            byId.put(created.id, created);
            return created;
        });
        return new Created(m, fresh[0]);
    }

    Optional<SimMeeting> get(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    Collection<SimMeeting> all() {
        return byId.values();
    }

    static String passcode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    record Created(SimMeeting meeting, boolean fresh) {
    }
}
