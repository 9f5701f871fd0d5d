package jp.madoguchi.reservation.entity;

/** The reservation life cycle of DESIGN.md. */
public enum ReservationState {
    /** 仮予約: applied, awaiting the office. */
    REQUESTED,
    /** 本予約: meeting provisioned, invitation sent. */
    CONFIRMED,
    AWAITING_RECONSENT,
    COMPLETED,
    NO_SHOW,
    CANCELLED,
    REJECTED,
    EXPIRED,
    VOID
}
