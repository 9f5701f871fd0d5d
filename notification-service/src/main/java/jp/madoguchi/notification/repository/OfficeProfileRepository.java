package jp.madoguchi.notification.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.notification.entity.OfficeProfile;

@ApplicationScoped
public class OfficeProfileRepository implements PanacheRepositoryBase<OfficeProfile, String> {

    /**
     * Takes an office event's profile unless one of the same or a higher officeVersion is already stored: one
     * statement, so a late or repeated event never overwrites a newer profile. Returns the rows changed (0 or 1).
     */
    public Uni<Integer> record(OfficeProfile p) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "insert into office_profile (office_id, office_version, state, name_ja, name_en, phone, mail_sender, "
                                + "mailbox, policy, changed_at) values (:id, :version, :state, :nameJa, :nameEn, :phone, :sender, "
                                + "cast(:mailbox as varchar), :policy, :at) on conflict (office_id) do update set "
                                + "office_version = excluded.office_version, state = excluded.state, name_ja = excluded.name_ja, "
                                + "name_en = excluded.name_en, phone = excluded.phone, mail_sender = excluded.mail_sender, "
                                + "mailbox = excluded.mailbox, policy = excluded.policy, changed_at = excluded.changed_at "
                                + "where office_profile.office_version < excluded.office_version")
                .setParameter("id", p.officeId)
                .setParameter("version", p.officeVersion)
                .setParameter("state", p.state)
                .setParameter("nameJa", p.nameJa)
                .setParameter("nameEn", p.nameEn)
                .setParameter("phone", p.phone)
                .setParameter("sender", p.mailSender)
                .setParameter("mailbox", p.mailbox)
                .setParameter("policy", p.policy)
                .setParameter("at", p.changedAt)
                .executeUpdate());
    }
}
