package jp.madoguchi.notification.service;

import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.notification.entity.InboundMail;
import jp.madoguchi.notification.repository.InboundMailRepository;
import jp.madoguchi.platform.paging.Page;
import jp.madoguchi.platform.paging.PageRequest;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.platform.problem.Visible;

/** The office's mail for its own staff: another office's mail is "not found". */
@ApplicationScoped
public class StaffMailService {

    private final InboundMailRepository mails;

    public StaffMailService(InboundMailRepository mails) {
        this.mails = mails;
    }

    @WithSession
    public Uni<Page<InboundMail>> list(String officeId, InboundMail.State state, PageRequest page) {
        return Page.of(mails.ofOffice(officeId, state), page);
    }

    @WithSession
    public Uni<InboundMail> get(UUID id, String officeId) {
        return Visible.orNotFound(mails.findById(id), m -> m.officeId.equals(officeId), "mail", id);
    }

    /** A member of staff has dealt with a mail in the queue. */
    @WithTransaction
    public Uni<InboundMail> done(UUID id, String officeId, String staffId) {
        return Visible.orNotFound(mails.findById(id), m -> m.officeId.equals(officeId), "mail", id).map(m -> {
            if (m.state != InboundMail.State.STAFF) {
                throw ProblemException.conflict("mail.not-for-staff", m.state).with("state", m.state.name());
            }
            m.state = InboundMail.State.DONE;
            m.doneBy = staffId;
            return m;
        });
    }
}
