package jp.madoguchi.platform.problem;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Titles and details of problems, in Japanese by default and in English when the caller prefers it.
 * Each service may add its own keys in {@code problems_ja.properties}/{@code problems_en.properties}
 * under {@code i18n/}; the platform's shared keys live in {@code i18n/platform-problems*}.
 */
public final class ProblemMessages {

    private static final List<String> BUNDLES = List.of("i18n.problems", "i18n.platform-problems");

    private ProblemMessages() {
    }

    /** Japanese unless the caller's first acceptable language is English. */
    public static Locale choose(List<Locale> acceptable) {
        for (Locale locale : acceptable) {
            if ("ja".equals(locale.getLanguage())) {
                return Locale.JAPANESE;
            }
            if ("en".equals(locale.getLanguage())) {
                return Locale.ENGLISH;
            }
        }
        return Locale.JAPANESE;
    }

    /** The languages of an {@code Accept-Language} header, most preferred first; none if it does not parse. */
    public static List<Locale> languages(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return List.of();
        }
        try {
            return Locale.LanguageRange.parse(acceptLanguage).stream().filter(range -> range.getWeight() > 0)
                    .map(range -> Locale.forLanguageTag(range.getRange())).toList();
        } catch (RuntimeException malformed) {
            return List.of();
        }
    }

    public static String title(String type, Locale locale) {
        return text(type + ".title", locale, new Object[0]).orElse(type);
    }

    public static String detail(String type, Locale locale, Object[] args) {
        return text(type + ".detail", locale, args).orElse(null);
    }

    private static java.util.Optional<String> text(String key, Locale locale, Object[] args) {
        for (String bundleName : BUNDLES) {
            try {
                ResourceBundle bundle = ResourceBundle.getBundle(bundleName, locale,
                        Thread.currentThread().getContextClassLoader(),
                        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
                if (bundle.containsKey(key)) {
                    // the texts are plain sentences with {0}-style slots: an apostrophe is one, not MessageFormat's quote
                    return java.util.Optional.of(new MessageFormat(bundle.getString(key).replace("'", "''"), locale)
                            .format(args));
                }
            } catch (MissingResourceException ignored) {
                // a service without its own bundle falls through to the platform's
            }
        }
        return java.util.Optional.empty();
    }
}
