package jp.madoguchi.reservation.entity;

import java.util.EnumSet;
import java.util.Set;

/** The reservation life cycle of DESIGN.md; every allowed move is listed here and nowhere else. */
public enum ReservationState {
    /** 仮予約: applied, awaiting the office. */
    REQUESTED,
    /** 本予約: slot and counselor fixed, meeting provisioned, invitation sent. */
    CONFIRMED,
    /** The terms were revised after booking: waiting for the person's consent to the new version. */
    AWAITING_RECONSENT,
    COMPLETED,
    NO_SHOW,
    CANCELLED,
    REJECTED,
    /** Not confirmed in time. */
    EXPIRED,
    /** No re-consent before the cut-off: the application is void. */
    VOID;

    public Set<ReservationState> next() {
        return switch (this) {
            case REQUESTED -> EnumSet.of(CONFIRMED, REJECTED, EXPIRED, CANCELLED, AWAITING_RECONSENT);
            case CONFIRMED -> EnumSet.of(COMPLETED, NO_SHOW, CANCELLED, AWAITING_RECONSENT);
            case AWAITING_RECONSENT -> EnumSet.of(CONFIRMED, REQUESTED, VOID, CANCELLED);
            case COMPLETED, NO_SHOW, CANCELLED, REJECTED, EXPIRED, VOID -> EnumSet.noneOf(ReservationState.class);
        };
    }

    public boolean canMoveTo(ReservationState target) {
        return next().contains(target);
    }
}
