package jp.madoguchi.meeting.rest;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jp.madoguchi.meeting.repository.ParticipantEventRepository;
import jp.madoguchi.platform.paging.Page;
import jp.madoguchi.platform.paging.PageParams;
import jp.madoguchi.platform.paging.PageRequest;
import jp.madoguchi.platform.paging.Paged;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.platform.security.CurrentUser;
import jp.madoguchi.platform.security.Roles;

/**
 * Article 7: usage times and access history are recorded and never published in a device-identifying form.
 * Only an office's admin can export its records, and even then the device appears as its keyed hash.
 * Both forms take a date range of at most 366 days: the JSON list is paged like every list; the CSV download is
 * streamed, read from the database a chunk at a time, so a year of records never sits in memory at once.
 */
@Path("/api/admin/meetings/audit")
@Tag(name = "Admin: audit")
@RolesAllowed(Roles.OFFICE_ADMIN)
public class AuditResource {

    private static final ZoneId JST = ZoneId.of("Asia/Tokyo");
    /** Rows per database read of the CSV stream. */
    static final int CSV_CHUNK = 500;

    private final ParticipantEventRepository participants;
    private final CurrentUser user;

    public AuditResource(ParticipantEventRepository participants, CurrentUser user) {
        this.participants = participants;
        this.user = user;
    }

    public record AccessRecord(UUID reservationId, String meetingId, String role, String event, OffsetDateTime at,
            String devicePseudonym) {

        static AccessRecord of(Object[] r) {
            return new AccessRecord((UUID) r[0], (String) r[1], (String) r[2], (String) r[3],
                    ((OffsetDateTime) r[4]).atZoneSameInstant(JST).toOffsetDateTime(), (String) r[5]);
        }

        String csv() {
            return String.join(",", reservationId.toString(), meetingId, role, event, at.toString(),
                    devicePseudonym == null ? "" : devicePseudonym);
        }
    }

    /** A checked date range (JST, inclusive) as instants. */
    private record Range(OffsetDateTime from, OffsetDateTime to) {
        static Range of(LocalDate from, LocalDate to) {
            if (to.isBefore(from) || from.plusDays(366).isBefore(to)) {
                throw ProblemException.unprocessable("availability.range", 366);
            }
            return new Range(from.atStartOfDay(JST).toOffsetDateTime(), to.plusDays(1).atStartOfDay(JST).toOffsetDateTime());
        }
    }

    @GET
    @Produces("application/json")
    @WithSession
    @Operation(summary = "Access records of my office's meetings between two dates (JST, inclusive), by time")
    public Uni<RestResponse<List<AccessRecord>>> export(@RestQuery("from") @NotNull LocalDate from, @RestQuery("to") @NotNull LocalDate to,
            @BeanParam PageParams paging) {
        Range range = Range.of(from, to);
        PageRequest request = paging.request();
        String office = user.requireOffice();
        return participants.countAuditRows(office, range.from(), range.to())
                .flatMap(total -> participants.auditRows(office, range.from(), range.to(), request.offset(), request.size())
                        .map(rows -> new Page<>(rows.stream().map(AccessRecord::of).toList(), request, total)))
                .map(page -> Paged.response(page, paging));
    }

    @GET
    @Path("/csv")
    @Produces("text/csv")
    @Operation(summary = "The same, the whole range as one CSV download (streamed)")
    public Multi<String> csv(@RestQuery("from") @NotNull LocalDate from, @RestQuery("to") @NotNull LocalDate to) {
        Range range = Range.of(from, to);
        String office = user.requireOffice();
        AtomicInteger chunk = new AtomicInteger();
        Multi<String> rows = Multi.createBy().repeating()
                .uni(() -> Panache.withSession(() -> participants.auditRows(office, range.from(), range.to(),
                        chunk.getAndIncrement() * CSV_CHUNK, CSV_CHUNK)))
                .whilst(list -> list.size() == CSV_CHUNK)
                .filter(list -> !list.isEmpty())
                .map(list -> list.stream().map(r -> AccessRecord.of(r).csv() + "\n").collect(Collectors.joining()));
        return Multi.createBy().concatenating()
                .streams(Multi.createFrom().item("reservation_id,meeting_id,role,event,at,device_pseudonym\n"), rows);
    }
}
