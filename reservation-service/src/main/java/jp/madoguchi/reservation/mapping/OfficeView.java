package jp.madoguchi.reservation.mapping;

import jp.madoguchi.reservation.entity.Office;
import jp.madoguchi.reservation.policy.OfficePolicy;
import jp.madoguchi.reservation.policy.OfficeRules;

/** An office and its rules, as anyone signed in may read them. */
public record OfficeView(String id, String nameJa, String nameEn, String officeCode, String phone, String timeZone,
        String mailSender, String mailbox, String state, OfficePolicy policy) {

    public static OfficeView of(OfficeRules rules) {
        Office o = rules.office();
        return new OfficeView(o.id, o.nameJa, o.nameEn, o.officeCode, o.phone, o.timeZone, o.mailSender, o.mailbox, o.state,
                rules.policy());
    }
}
