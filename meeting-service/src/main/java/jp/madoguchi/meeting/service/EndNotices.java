package jp.madoguchi.meeting.service;

import java.text.MessageFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.ResourceBundle;

import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.meeting.config.MeetingConfig;
import jp.madoguchi.meeting.entity.Meeting;

/**
 * What the join page of a meeting ended before its close tells whoever comes to it afterwards: why it ended and
 * whom to phone. TeleOffice shows it as given, to anyone, so it is Japanese and then English (texts in
 * {@code i18n/notices_*.properties}); like every notice on a page, it names the office and never the person.
 */
@ApplicationScoped
public class EndNotices {

    private final MeetingConfig config;

    public EndNotices(MeetingConfig config) {
        this.config = config;
    }

    /** The notice for a meeting ended for {@code reason} (a Meeting end reason). */
    public String of(Meeting m, String reason) {
        return text(m, reason, Locale.JAPANESE, "") + "\n" + text(m, reason, Locale.ENGLISH, " ");
    }

    private String text(Meeting m, String reason, Locale locale, String space) {
        ResourceBundle texts = ResourceBundle.getBundle("i18n.notices", locale, EndNotices.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String why = Meeting.NO_SHOW.equals(reason)
                ? format(texts, "end.no-show", locale, Duration.between(m.startsAt, m.noShowDueAt).toMinutes())
                : format(texts, "end.by-office", locale);
        MeetingConfig.Office office = config.offices().get(m.officeId);
        String call = office == null ? format(texts, "call.unknown-office", locale)
                : format(texts, "call", locale, Locale.ENGLISH.equals(locale) ? office.nameEn() : office.name(), office.phone());
        return why + space + call;
    }

    private static String format(ResourceBundle texts, String key, Locale locale, Object... args) {
        return new MessageFormat(texts.getString(key), locale).format(args);
    }
}
