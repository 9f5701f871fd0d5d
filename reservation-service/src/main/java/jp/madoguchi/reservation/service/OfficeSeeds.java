package jp.madoguchi.reservation.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * The seeds' offices, one data file each under {@code offices/} (listed in {@code offices/index}), opened at first
 * start through {@link OfficeService#load} — the path a national administrator's request takes — not written by a
 * migration. A file that does not validate stops the start: a half-read office must not take bookings.
 */
@ApplicationScoped
public class OfficeSeeds {

    static final String DIRECTORY = "offices/";

    private final OfficeService offices;
    private final ObjectMapper mapper;
    private final Validator validator;

    public OfficeSeeds(OfficeService offices, ObjectMapper mapper, Validator validator) {
        this.offices = offices;
        this.mapper = mapper;
        this.validator = validator;
    }

    void load(@Observes StartupEvent start) throws Throwable {
        for (OfficeDefinition d : definitions()) {
            // replicas starting together may open the same office at once: the loser reads it again and finds it
            VertxContextSupport.subscribeAndAwait(() -> offices.load(d)
                    .onFailure(OfficeSeeds::raced).retry().atMost(3));
        }
    }

    /** Every seed office's definition, validated as a request to open it would be. */
    public List<OfficeDefinition> definitions() {
        List<OfficeDefinition> all = new ArrayList<>();
        for (String file : read(DIRECTORY + "index").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            OfficeDefinition d;
            try {
                d = mapper.readValue(read(DIRECTORY + file), OfficeDefinition.class);
            } catch (IOException e) {
                throw new IllegalStateException("office data file " + file + " is not readable", e);
            }
            Set<ConstraintViolation<OfficeDefinition>> invalid = validator.validate(d);
            if (!invalid.isEmpty()) {
                throw new IllegalStateException("office data file " + file + " is invalid: " + invalid.stream()
                        .map(v -> v.getPropertyPath() + " " + v.getMessage()).collect(Collectors.joining(", ")));
            }
            all.add(d);
        }
        return all;
    }

    private static String read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean raced(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException || t instanceof org.hibernate.StaleStateException
                    || t instanceof jp.madoguchi.platform.problem.ProblemException p && p.status() == 409) {
                return true;
            }
        }
        return false;
    }
}
