package jp.madoguchi.notification.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The sentences of a message that state one of the office's rules, written from its policy as it is when the
 * message goes out (never fixed text: an office that changes its policy is quoted right in the next message), in
 * Japanese and in English. Pure: the policy, the office's phone and mailbox in, words out.
 */
public final class OfficeWording {

    /** The ways a booking can be cancelled (the policy's channel names). */
    public enum Channel {
        PHONE, EMAIL, ONLINE
    }

    /** A count of days and whether only the office's working days count. */
    public record DayCount(int days, boolean businessDays) {
        static DayCount of(JsonNode node) {
            return new DayCount(node.path("days").asInt(), "BUSINESS_DAYS".equals(node.path("unit").asText()));
        }
    }

    /**
     * The part of an office's policy (the OfficeProfile event's {@code policy}) that messages state.
     * {@code responseAfterApplication}: the office answers within {@code responseDays} of the application; else
     * by {@code responseDays} before the requested session.
     */
    public record Policy(int sessionMinutes, DayCount leadTime, boolean responseAfterApplication, DayCount responseDays,
            List<Channel> cancellationChannels, List<Channel> sameDayCancellationChannels, int noShowGraceMinutes,
            boolean noShowSuspends) {

        public static Policy from(JsonNode policy) {
            JsonNode deadline = policy.path("responseDeadline");
            return new Policy(policy.path("sessionMinutes").asInt(), DayCount.of(policy.path("leadTime")),
                    "AFTER_APPLICATION".equals(deadline.path("basis").asText()), DayCount.of(deadline.path("days")),
                    channels(policy.path("cancellationChannels")), channels(policy.path("sameDayCancellationChannels")),
                    policy.path("noShowGraceMinutes").asInt(), "SUSPEND".equals(policy.path("noShowOutcome").asText()));
        }

        private static List<Channel> channels(JsonNode array) {
            List<Channel> out = new ArrayList<>();
            array.forEach(c -> out.add(Channel.valueOf(c.asText())));
            return List.copyOf(out);
        }
    }

    /** One sentence (or a phrase for a template's sentence) in both languages. */
    public record Text(String ja, String en) {
    }

    private final Policy policy;
    private final String phone;
    private final String mailbox;

    /** {@code mailbox}: where people email the office; null where it has none (the sentence then names none). */
    public OfficeWording(Policy policy, String phone, String mailbox) {
        this.policy = policy;
        this.phone = phone;
        this.mailbox = mailbox;
    }

    /**
     * How to cancel: the channels the office takes cancellations on, and, where the day of the session itself
     * allows fewer, which ones are left then.
     */
    public Text cancellation() {
        List<Channel> channels = ordered(policy.cancellationChannels());
        if (channels.isEmpty()) {
            return new Text("キャンセルの方法は、お電話（" + phone + "）でお問い合わせください。",
                    "To ask how to cancel, please phone us (" + phone + ").");
        }
        String ja;
        String en;
        if (channels.size() == 1) {
            ja = "キャンセルは、" + ja(channels.get(0)) + "でのみ承ります。";
            en = "To cancel, please " + en(channels.get(0)) + "; cancellations are taken " + by(channels.get(0)) + " only.";
        } else {
            ja = "キャンセルは、" + join(channels, this::ja, "、", "、または", "または") + "で承ります。";
            en = "To cancel, " + join(channels, this::en, ", ", ", or ", " or ") + ".";
        }
        // a same-day channel the office does not take at all is no way to cancel: never state it
        List<Channel> sameDay = ordered(policy.sameDayCancellationChannels()).stream().filter(channels::contains).toList();
        if (sameDay.isEmpty()) {
            ja += "相談当日のキャンセルはお受けできません。";
            en += " On the day itself, cancellations cannot be taken.";
        } else if (sameDay.size() < channels.size()) {
            ja += "相談当日のキャンセルは、" + join(sameDay, OfficeWording::jaShort, "、", "、または", "または") + "のみです。";
            en += " On the day itself, " + join(sameDay, OfficeWording::by, ", ", ", or ", " or ") + " only.";
        }
        return new Text(ja, en);
    }

    /**
     * What happens when nobody joins: after {@code graceMinutes} (the grace the booking was confirmed under) the
     * booking counts as cancelled, and what the office then does, as its policy says now.
     */
    public Text noShow(int graceMinutes) {
        String ja = "連絡のないまま開始時刻から" + graceMinutes + "分が過ぎると、キャンセルとして扱います。";
        String en = "If nobody joins within " + graceMinutes + " minutes of the start and we have had no word, the booking"
                + " counts as cancelled";
        if (policy.noShowSuspends()) {
            ja += "その場合、オンライン相談のご予約を停止し、ハローワークで確認するまで新しいご予約をお受けできなくなります。";
            en += " and your online booking is suspended until the office has reviewed it.";
        } else {
            ja += "その場合、ハローワークで事情を確認のうえ、今後のオンライン相談のご利用をお断りすることがあります。";
            en += ", and the office may, after looking into it, decline further online consultations.";
        }
        return new Text(ja, en);
    }

    /** No-show grace of the office's policy now: for a booking whose own grace is not known. */
    public int noShowGraceMinutes() {
        return policy.noShowGraceMinutes();
    }

    /** When the office answers an application: within some days of it, or by some days before the session. */
    public Text responseDeadline() {
        DayCount d = policy.responseDays();
        if (policy.responseAfterApplication()) {
            return d.days() == 0
                    ? new Text("ハローワークからは、お申込みの当日中にご連絡します。", "The office will answer on the day you applied.")
                    : new Text("ハローワークからは、お申込みから" + jaDays(d) + "以内にご連絡します。",
                            "The office will answer within " + enDays(d) + " of your application.");
        }
        return new Text("ハローワークからは、ご希望の相談日の" + jaBefore(d) + "までにご連絡します。",
                "The office will answer by " + enBefore(d) + " the requested date.");
    }

    /** The latest a booking can be confirmed, as a phrase: "相談日の2開庁日前" / "2 business days before the session". */
    public Text leadTime() {
        DayCount d = policy.leadTime();
        return new Text("相談日の" + jaBefore(d), enBefore(d) + " the session");
    }

    /** How long a consultation lasts at this office. */
    public int sessionMinutes() {
        return policy.sessionMinutes();
    }

    private static String jaDays(DayCount d) {
        return d.days() + (d.businessDays() ? "開庁日" : "日");
    }

    private static String enDays(DayCount d) {
        return d.days() + (d.businessDays() ? " working day" : " day") + (d.days() == 1 ? "" : "s");
    }

    /** "2開庁日前", "前日", "当日" (the day itself). */
    private static String jaBefore(DayCount d) {
        if (d.days() == 0) {
            return "当日";
        }
        return d.days() == 1 && !d.businessDays() ? "前日" : jaDays(d) + "前";
    }

    /** "2 working days before", "the day before", "the day of" (followed by what it is counted from). */
    private static String enBefore(DayCount d) {
        if (d.days() == 0) {
            return "the day of";
        }
        return d.days() == 1 && !d.businessDays() ? "the day before" : enDays(d) + " before";
    }

    private String ja(Channel c) {
        return switch (c) {
            case PHONE -> "お電話（" + phone + "）";
            case EMAIL -> mailbox == null ? "メール" : "メール（" + mailbox + "）";
            case ONLINE -> "マイページ";
        };
    }

    private static String jaShort(Channel c) {
        return switch (c) {
            case PHONE -> "お電話";
            case EMAIL -> "メール";
            case ONLINE -> "マイページ";
        };
    }

    private String en(Channel c) {
        return switch (c) {
            case PHONE -> "phone us (" + phone + ")";
            case EMAIL -> mailbox == null ? "email us" : "email us (" + mailbox + ")";
            case ONLINE -> "use My Page";
        };
    }

    private static String by(Channel c) {
        return switch (c) {
            case PHONE -> "by phone";
            case EMAIL -> "by email";
            case ONLINE -> "in My Page";
        };
    }

    /** Phone, email, My Page: the same order in every message, whatever order the policy lists them in. */
    private static List<Channel> ordered(List<Channel> channels) {
        return channels.stream().distinct().sorted().toList();
    }

    /** "A", "A or B", "A, B, or C" (in Japanese: "A、B、またはC"). */
    private static String join(List<Channel> items, Function<Channel, String> word, String comma, String lastComma,
            String pair) {
        if (items.size() == 1) {
            return word.apply(items.get(0));
        }
        if (items.size() == 2) {
            return word.apply(items.get(0)) + pair + word.apply(items.get(1));
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            s.append(i == 0 ? "" : i == items.size() - 1 ? lastComma : comma).append(word.apply(items.get(i)));
        }
        return s.toString();
    }
}
