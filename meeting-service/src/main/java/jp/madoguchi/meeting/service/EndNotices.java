package jp.madoguchi.meeting.service;

import java.text.MessageFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.ResourceBundle;

import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.meeting.entity.Meeting;
import jp.madoguchi.meeting.entity.OfficeProfile;

/**
 * What the join page of a meeting ended before its close tells whoever comes to it afterwards: why it ended and
 * whom to phone. TeleOffice shows it as given, to anyone, so it is Japanese and then English (texts in
 * {@code i18n/notices_*.properties}); like every notice on a page, it names the office and never the person.
 */
@ApplicationScoped
public class EndNotices {

    /**
     * The notice for a meeting ended for {@code reason} (a Meeting end reason). {@code office}: the meeting's office
     * as the projection of office events holds it; null while none arrived, and the notice then names no office
     * (the end of a meeting under way does not wait for it).
     */
    public String of(Meeting m, String reason, OfficeProfile office) {
        return text(m, reason, office, Locale.JAPANESE, "") + "\n" + text(m, reason, office, Locale.ENGLISH, " ");
    }

    private static String text(Meeting m, String reason, OfficeProfile office, Locale locale, String space) {
        ResourceBundle texts = ResourceBundle.getBundle("i18n.notices", locale, EndNotices.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String why = Meeting.NO_SHOW.equals(reason)
                ? format(texts, "end.no-show", locale, Duration.between(m.startsAt, m.noShowDueAt).toMinutes())
                : format(texts, "end.by-office", locale);
        String call = office == null ? format(texts, "call.unknown-office", locale)
                : format(texts, "call", locale, Locale.ENGLISH.equals(locale) ? office.nameEn : office.nameJa, office.phone);
        return why + space + call;
    }

    private static String format(ResourceBundle texts, String key, Locale locale, Object... args) {
        return new MessageFormat(texts.getString(key), locale).format(args);
    }
}
