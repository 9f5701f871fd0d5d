package jp.madoguchi.meeting.rest;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jp.madoguchi.meeting.repository.ParticipantEventRepository;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.platform.security.CurrentUser;
import jp.madoguchi.platform.security.Roles;

/**
 * Article 7: usage times and access history are recorded and never published in a device-identifying form.
 * Only an office's admin can export its records, and even then the device appears as its keyed hash.
 */
@Path("/api/admin/meetings/audit")
@Tag(name = "Admin: audit")
@RolesAllowed(Roles.OFFICE_ADMIN)
public class AuditResource {

    private static final ZoneId JST = ZoneId.of("Asia/Tokyo");

    private final ParticipantEventRepository participants;
    private final CurrentUser user;

    public AuditResource(ParticipantEventRepository participants, CurrentUser user) {
        this.participants = participants;
        this.user = user;
    }

    public record AccessRecord(UUID reservationId, String meetingId, String role, String event, OffsetDateTime at,
            String devicePseudonym) {
    }

    @GET
    @Produces("application/json")
    @WithSession
    @Operation(summary = "Access records of my office's meetings between two dates (JST, inclusive)")
    public Uni<List<AccessRecord>> export(@RestQuery @NotNull LocalDate from, @RestQuery @NotNull LocalDate to) {
        if (to.isBefore(from) || from.plusDays(366).isBefore(to)) {
            throw ProblemException.unprocessable("availability.range", 366);
        }
        return participants.auditRows(user.requireOffice(), from.atStartOfDay(JST).toOffsetDateTime(),
                        to.plusDays(1).atStartOfDay(JST).toOffsetDateTime())
                .map(rows -> rows.stream().map(r -> new AccessRecord((UUID) r[0], (String) r[1], (String) r[2],
                        (String) r[3], ((OffsetDateTime) r[4]).atZoneSameInstant(JST).toOffsetDateTime(), (String) r[5]))
                        .toList());
    }

    @GET
    @Path("/csv")
    @Produces("text/csv")
    @WithSession
    @Operation(summary = "The same, as CSV")
    public Uni<String> csv(@RestQuery @NotNull LocalDate from, @RestQuery @NotNull LocalDate to) {
        return export(from, to).map(list -> "reservation_id,meeting_id,role,event,at,device_pseudonym\n" + list.stream()
                .map(a -> String.join(",", a.reservationId().toString(), a.meetingId(), a.role(), a.event(),
                        a.at().toString(), a.devicePseudonym() == null ? "" : a.devicePseudonym()))
                .collect(Collectors.joining("\n")) + "\n");
    }
}
