package jp.madoguchi.platform.time;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.chrono.JapaneseDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/** Dates as Japanese public offices write them: the era (令和) and the Western calendar side by side. */
public final class JapaneseDates {

    public static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter ERA = DateTimeFormatter.ofPattern("GGGGy年M月d日", Locale.JAPAN);
    private static final DateTimeFormatter WESTERN = DateTimeFormatter.ofPattern("yyyy年M月d日（E）", Locale.JAPAN);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm", Locale.JAPAN);

    private JapaneseDates() {
    }

    /** e.g. 令和5年6月15日 */
    public static String era(LocalDate date) {
        return ERA.format(JapaneseDate.from(date));
    }

    /** e.g. 14:30 */
    public static String time(TemporalAccessor instantOrOffset) {
        return TIME.format(ZonedDateTime.from(instantOrOffset).withZoneSameInstant(TOKYO));
    }

    /** e.g. 令和8年12月9日（2026年12月9日（水））14:00 */
    public static String dateTime(TemporalAccessor instantOrOffset) {
        ZonedDateTime t = ZonedDateTime.from(instantOrOffset).withZoneSameInstant(TOKYO);
        return era(t.toLocalDate()) + "（" + WESTERN.format(t) + "）" + TIME.format(t);
    }
}
