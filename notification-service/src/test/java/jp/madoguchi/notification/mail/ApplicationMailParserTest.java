package jp.madoguchi.notification.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Application mails as people write them (Kabe's five items), read into one application or refused for staff. */
class ApplicationMailParserTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

    private static ApplicationMailParser.Application parse(String text) {
        return ApplicationMailParser.parse(text, TOKYO, TODAY).orElseThrow(() -> new AssertionError("unread: " + text));
    }

    @Test
    void fullWidthDigitsCircledItemsAndAReiwaDate() {
        ApplicationMailParser.Application a = parse("""
                オンライン職業相談を希望します。
                ①氏名：可部　太郎
                ②求職番号：３４０６０－２０２６０００１
                ③利用希望日時：令和８年１２月９日（水）１４時３０分
                ④連絡先メールアドレス：ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ
                ⑤連絡先電話番号：０８２－１２３－４５６７
                """);
        assertEquals("可部 太郎", a.name());
        assertEquals("34060-20260001", a.seekerNumber());
        assertEquals(List.of(OffsetDateTime.parse("2026-12-09T14:30+09:00")), a.starts());
        assertEquals("taro@example.jp", a.email());
        assertEquals("082-123-4567", a.phone());
    }

    @Test
    void westernDatesWithoutAYearAfternoonHoursAndValuesOnTheNextLine() {
        ApplicationMailParser.Application a = parse("""
                1. お名前
                可部 花子
                2. 求職番号 34060 20260002
                3. 希望日時
                第1希望 12月11日(金) 午前10時
                第2希望 1月8日 午後2時半
                4. メールアドレス hanako@example.jp
                5. 電話番号 09012345678
                """);
        assertEquals("34060-20260002", a.seekerNumber());
        // "1月8日" in a December mail is next January
        assertEquals(List.of(OffsetDateTime.parse("2026-12-11T10:00+09:00"), OffsetDateTime.parse("2027-01-08T14:30+09:00")),
                a.starts());
        assertEquals("09012345678", a.phone());
    }

    @Test
    void slashesAndColons() {
        assertEquals(List.of(OffsetDateTime.parse("2026-12-16T15:00+09:00")),
                parse("氏名: 安佐 一郎\n求職番号: 34060-20260003\n日時: 2026/12/16 15:00\nメール: ichiro@example.jp\n電話: 082-000-1111\n").starts());
    }

    @Test
    void aMailMissingAnItemIsForStaff() {
        assertTrue(ApplicationMailParser.parse("氏名：可部 太郎\n利用希望日時：12月9日 14時\n", TOKYO, TODAY).isEmpty());
        assertTrue(ApplicationMailParser.parse("氏名：可部 太郎\n求職番号：34060-20260001\n利用希望日時：来週のどこか\n"
                + "メール：t@example.jp\n電話：082-1-1111\n", TOKYO, TODAY).isEmpty(), "no date and time: staff ask");
    }
}
