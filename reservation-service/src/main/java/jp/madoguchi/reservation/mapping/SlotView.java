package jp.madoguchi.reservation.mapping;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/** An open consultation slot and how many seats are left. */
@JsonSerialize(using = SlotView.Writer.class)
public record SlotView(OffsetDateTime start, OffsetDateTime end, int capacity, int free) {

    /**
     * A month of availability is a few hundred of these per read: written field by field, and the instants in
     * the same ISO 8601 text Jackson's default writes (date, time to the second, the offset as given), composed
     * directly instead of through the general-purpose formatter, which was a fifth of the read's CPU.
     */
    static final class Writer extends StdSerializer<SlotView> {

        Writer() {
            super(SlotView.class);
        }

        @Override
        public void serialize(SlotView slot, JsonGenerator json, SerializerProvider provider) throws IOException {
            json.writeStartObject();
            json.writeStringField("start", iso(slot.start()));
            json.writeStringField("end", iso(slot.end()));
            json.writeNumberField("capacity", slot.capacity());
            json.writeNumberField("free", slot.free());
            json.writeEndObject();
        }
    }

    /** {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, for the whole seconds of four-digit years that slots are. */
    static String iso(OffsetDateTime t) {
        if (t == null) {
            return null;
        }
        int year = t.getYear();
        if (t.getNano() != 0 || year < 1000 || year > 9999) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
        }
        String offset = t.getOffset().getId();
        StringBuilder s = new StringBuilder(19 + offset.length()).append(year).append('-');
        two(s, t.getMonthValue()).append('-');
        two(s, t.getDayOfMonth()).append('T');
        two(s, t.getHour()).append(':');
        two(s, t.getMinute()).append(':');
        two(s, t.getSecond());
        return s.append(offset).toString();
    }

    private static StringBuilder two(StringBuilder s, int n) {
        return s.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }
}
