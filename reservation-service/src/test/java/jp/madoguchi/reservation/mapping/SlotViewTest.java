package jp.madoguchi.reservation.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The slot's own writer gives the text Jackson's default formatter gives, for every kind of instant. */
class SlotViewTest {

    @Test
    void writesInstantsAsTheIsoFormatterDoes() {
        List<OffsetDateTime> instants = List.of(
                OffsetDateTime.of(2026, 12, 7, 10, 0, 0, 0, ZoneOffset.ofHours(9)),
                OffsetDateTime.of(2027, 1, 4, 9, 5, 7, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 3, 29, 23, 59, 59, 0, ZoneOffset.ofHoursMinutes(-9, -30)),
                OffsetDateTime.of(2026, 6, 1, 0, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(5, 30, 15)),
                OffsetDateTime.of(2026, 6, 1, 14, 30, 0, 120_000_000, ZoneOffset.ofHours(9)),
                OffsetDateTime.of(999, 6, 1, 14, 30, 0, 0, ZoneOffset.ofHours(9)),
                OffsetDateTime.of(12026, 6, 1, 14, 30, 0, 0, ZoneOffset.ofHours(9)));
        for (OffsetDateTime t : instants) {
            assertEquals(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t), SlotView.iso(t));
        }
    }
}
