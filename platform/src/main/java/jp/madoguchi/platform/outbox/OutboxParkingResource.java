package jp.madoguchi.platform.outbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.LockModeType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jp.madoguchi.platform.jobs.BatchJobs;
import jp.madoguchi.platform.paging.Page;
import jp.madoguchi.platform.paging.PageParams;
import jp.madoguchi.platform.paging.Paged;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.platform.security.CurrentUser;
import jp.madoguchi.platform.security.Roles;

/**
 * Operations only: outbox rows Kafka refused for good. Retrying one (after the cause is fixed, e.g. the topic's ACL
 * or size limit) gives it fresh attempts; discarding it (reason kept) lets the rows of its key behind it leave.
 */
@Path("/api/operations/outbox/parked")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPERATOR)
@Tag(name = "operations")
public class OutboxParkingResource {

    private static final Logger LOG = Logger.getLogger(OutboxParkingResource.class);

    /** A parked outbox row as an operator sees it (no payload: it is this service's own event). */
    public record ParkedRow(long seq, String id, String topic, String type, String subject, OffsetDateTime occurredAt,
            int attempts, String lastError, OffsetDateTime parkedAt, OffsetDateTime discardedAt, String discardReason) {
        static ParkedRow of(OutboxEvent e) {
            return new ParkedRow(e.seq, e.id.toString(), e.topic, e.type, e.subject, e.occurredAt, e.attempts,
                    e.lastError, e.parkedAt, e.discardedAt, e.discardReason);
        }
    }

    public record Discard(@NotBlank @Size(max = 1000) String reason) {
    }

    private final Clock clock;
    private final CurrentUser user;

    public OutboxParkingResource(Clock clock, CurrentUser user) {
        this.clock = clock;
        this.user = user;
    }

    @GET
    @Operation(summary = "Outbox rows parked and not yet resolved, oldest first")
    public Uni<RestResponse<List<ParkedRow>>> list(@BeanParam PageParams paging) {
        return Panache.withSession(() -> Page.of(OutboxEvent.<OutboxEvent>find(
                        "parkedAt is not null and publishedAt is null and discardedAt is null order by seq"), paging.request()))
                .map(page -> Paged.response(page.map(ParkedRow::of), paging));
    }

    @POST
    @Path("/{seq}/retry")
    @Operation(summary = "Give a parked row fresh attempts (the relay is woken at once)")
    public Uni<ParkedRow> retry(@PathParam("seq") long seq) {
        return Panache.withTransaction(() -> open(seq).call(e -> {
            e.parkedAt = null;
            e.attempts = 0;
            LOG.infof("outbox event %s (%s) released for retry by %s", e.id, e.type, user.id());
            return BatchJobs.notify(Outbox.CHANNEL);
        })).map(ParkedRow::of);
    }

    @POST
    @Path("/{seq}/discard")
    @Operation(summary = "Give up on a parked row; later rows of its key then leave")
    public Uni<ParkedRow> discard(@PathParam("seq") long seq, @Valid @NotNull Discard body) {
        return Panache.withTransaction(() -> open(seq).call(e -> {
            e.discardedAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            e.discardReason = body.reason();
            LOG.infof("outbox event %s (%s) discarded by %s", e.id, e.type, user.id());
            return BatchJobs.notify(Outbox.CHANNEL);
        })).map(ParkedRow::of);
    }

    private Uni<OutboxEvent> open(long seq) {
        return OutboxEvent.<OutboxEvent>findById(seq, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("outbox-event", seq))
                .invoke(e -> {
                    if (e.parkedAt == null || e.publishedAt != null || e.discardedAt != null) {
                        throw ProblemException.conflict("outbox-event.not-parked", seq);
                    }
                });
    }
}
