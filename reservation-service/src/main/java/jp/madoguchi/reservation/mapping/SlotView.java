package jp.madoguchi.reservation.mapping;

import java.time.OffsetDateTime;

/** An open consultation slot and how many seats are left. */
public record SlotView(OffsetDateTime start, OffsetDateTime end, int capacity, int free) {
}
