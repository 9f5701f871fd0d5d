package jp.madoguchi.notification.mail;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the five items of an application mail (Kabe: name, seeker number, desired date and time, contact email,
 * contact phone) as people really write them: full-width digits, circled item numbers, 令和 or Western dates with or
 * without the year or weekday, "14時", "14:30", "午後2時半". Pure.
 */
public final class ApplicationMailParser {

    /** The items read; {@code starts} in the office's zone, in the order written. */
    public record Application(String name, String seekerNumber, List<OffsetDateTime> starts, String email, String phone) {
    }

    private enum Item { NAME, NUMBER, WHEN, EMAIL, PHONE }

    private static final Pattern LABEL = Pattern.compile("^\\s*(?:\\d+[.)、．]?|[(（]\\d+[)）])?\\s*"
            + "(氏名|お名前|名前|求職番号|利用希望日時|希望日時|日時|連絡先メールアドレス|メールアドレス|メール|e-?mail|連絡先電話番号|電話番号|電話)"
            + "\\s*[:：]?\\s*(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SEEKER = Pattern.compile("(\\d{5})\\s*[-‐‑–—―ー−]?\\s*(\\d{8})");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern PHONE = Pattern.compile("0\\d{1,4}[-‐‑–—―ー−]?\\d{1,4}[-‐‑–—―ー−]?\\d{3,4}");
    private static final Pattern DATE = Pattern.compile(
            "(?:(令和|R)\\s*(\\d{1,2}|元)\\s*年|(\\d{4})\\s*[年/.-])?\\s*(\\d{1,2})\\s*[月/.-]\\s*(\\d{1,2})\\s*日?");
    private static final Pattern TIME = Pattern.compile("(午前|午後|AM|PM)?\\s*(\\d{1,2})\\s*(?:[:時]\\s*(\\d{2}|半)?\\s*分?)",
            Pattern.CASE_INSENSITIVE);

    private ApplicationMailParser() {
    }

    /** The application, or empty when an item is missing or unreadable (then staff read the mail). */
    public static Optional<Application> parse(String text, ZoneId zone, LocalDate today) {
        String normal = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC);
        String name = null;
        String number = null;
        String email = null;
        String phone = null;
        StringBuilder when = new StringBuilder();
        Item current = null;
        for (String line : normal.split("\r?\n")) {
            String t = line.strip();
            if (t.startsWith(">")) {
                continue;
            }
            Matcher label = LABEL.matcher(t);
            String value;
            if (label.matches()) {
                current = item(label.group(1));
                value = label.group(2).strip();
            } else {
                value = t;
            }
            if (current == null || value.isEmpty()) {
                continue;
            }
            switch (current) {
                case NAME -> name = name == null ? value : name;
                case NUMBER -> number = number == null ? find(SEEKER, value).map(m -> m.group(1) + "-" + m.group(2)).orElse(null) : number;
                case WHEN -> when.append(value).append('\n');
                case EMAIL -> email = email == null ? find(EMAIL, value).map(Matcher::group).orElse(null) : email;
                case PHONE -> phone = phone == null ? find(PHONE, value).map(m -> m.group().replaceAll("[‐‑–—―ー−]", "-")).orElse(null) : phone;
            }
            if (current != Item.WHEN) {
                current = null;
            }
        }
        List<OffsetDateTime> starts = starts(when.toString(), zone, today);
        if (name == null || number == null || email == null || phone == null || starts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Application(name, number, starts, email, phone));
    }

    private static Item item(String label) {
        String l = label.toLowerCase(java.util.Locale.ROOT);
        if (l.contains("名前") || l.equals("氏名")) {
            return Item.NAME;
        }
        if (l.equals("求職番号")) {
            return Item.NUMBER;
        }
        if (l.contains("日時")) {
            return Item.WHEN;
        }
        if (l.contains("メール") || l.contains("mail")) {
            return Item.EMAIL;
        }
        return Item.PHONE;
    }

    private static Optional<Matcher> find(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? Optional.of(m) : Optional.empty();
    }

    /** Each date in the text with the first time written after it (before the next date). */
    static List<OffsetDateTime> starts(String text, ZoneId zone, LocalDate today) {
        List<OffsetDateTime> starts = new ArrayList<>();
        Matcher date = DATE.matcher(text);
        List<int[]> spans = new ArrayList<>();
        List<LocalDate> days = new ArrayList<>();
        while (date.find()) {
            LocalDate day = day(date, today);
            if (day != null) {
                days.add(day);
                spans.add(new int[] {date.start(), date.end()});
            }
        }
        for (int i = 0; i < days.size(); i++) {
            int from = spans.get(i)[1];
            int to = i + 1 < spans.size() ? spans.get(i + 1)[0] : text.length();
            // the weekday in brackets, e.g. (水), is skipped: a time is a number followed by 時 or a colon
            Matcher time = TIME.matcher(text.substring(from, to));
            if (time.find()) {
                LocalTime at = time(time);
                if (at != null) {
                    starts.add(LocalDateTime.of(days.get(i), at).atZone(zone).toOffsetDateTime());
                }
            }
        }
        return starts;
    }

    private static LocalDate day(Matcher m, LocalDate today) {
        try {
            int month = Integer.parseInt(m.group(4));
            int dayOfMonth = Integer.parseInt(m.group(5));
            if (m.group(1) != null) {
                int reiwa = "元".equals(m.group(2)) ? 1 : Integer.parseInt(m.group(2));
                return LocalDate.of(2018 + reiwa, month, dayOfMonth);
            }
            if (m.group(3) != null) {
                return LocalDate.of(Integer.parseInt(m.group(3)), month, dayOfMonth);
            }
            // no year: the next such day from today (a December mail asking for "1月7日" means next January)
            LocalDate d = LocalDate.of(today.getYear(), month, dayOfMonth);
            return d.isBefore(today) ? d.plusYears(1) : d;
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static LocalTime time(Matcher m) {
        try {
            int hour = Integer.parseInt(m.group(2));
            String minutes = m.group(3);
            int minute = minutes == null ? 0 : "半".equals(minutes) ? 30 : Integer.parseInt(minutes);
            String half = m.group(1) == null ? "" : m.group(1).toUpperCase(java.util.Locale.ROOT);
            if ((half.equals("午後") || half.equals("PM")) && hour < 12) {
                hour += 12;
            }
            return LocalTime.of(hour, minute);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }
}
