package jp.madoguchi.reservation.mapping;

import jp.madoguchi.reservation.policy.OfficePolicy;
import jp.madoguchi.reservation.policy.OfficeRules;

/** An office and its rules, as anyone signed in may read them. */
public record OfficeView(String id, String nameJa, String nameEn, String phone, OfficePolicy policy) {

    public static OfficeView of(OfficeRules rules) {
        return new OfficeView(rules.office().id, rules.office().nameJa, rules.office().nameEn, rules.office().phone,
                rules.policy());
    }
}
