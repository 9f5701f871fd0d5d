package jp.madoguchi.notification.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;

import jp.madoguchi.notification.mail.MailClassifier.Kind;

/** What a mail to the office is, from the mail and what it answers. */
class MailClassifierTest {

    private static final Set<String> OURS = Set.of("online.kaga@madoguchi.example.jp");

    private static MailFacts mail(String headers, String body) {
        return MailFacts.read(("From: Taro <Taro@Example.jp>\r\nTo: kaga-soudan@madoguchi.example.jp\r\n" + headers
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aReplyToAReconsentRequestIsConsentUnlessItSaysNo() {
        MailFacts yes = mail("Subject: Re: 利用規約改訂\r\nIn-Reply-To: <0b7c4a4e-1c1e-4f0b-9d55-2f1f7b9d0a11@notification.madoguchi>\r\n",
                "了解しました。\r\n> 同意しない場合は予約が無効になります");
        assertEquals(Kind.RECONSENT_REPLY, MailClassifier.classify(yes, "RECONSENT", null, OURS));
        assertEquals("taro@example.jp", yes.sender());
        assertEquals(1, yes.ourMessages().size());
        // the quoted text says "同意しない"; the person's own words decide
        MailFacts no = mail("Subject: Re: 利用規約改訂\r\n", "改訂後の規約には同意できません。");
        assertEquals(Kind.FOR_STAFF, MailClassifier.classify(no, "RECONSENT", null, OURS));
    }

    @Test
    void aCancellationMustAnswerOneOfOurMessages() {
        MailFacts cancel = mail("Subject: Re: 本予約\r\n", "すみません、ＣＡＮＣＥＬでお願いします。");
        assertEquals(Kind.CANCELLATION, MailClassifier.classify(cancel, "INVITATION", null, OURS));
        // the same words out of the blue: staff find out which booking it is
        assertEquals(Kind.FOR_STAFF, MailClassifier.classify(cancel, null, null, OURS));
        assertEquals(Kind.FOR_STAFF, MailClassifier.classify(mail("Subject: Re: 本予約\r\n", "ありがとうございます"),
                "INVITATION", null, OURS));
    }

    @Test
    void anApplicationCarriesTheOfficesSubjectAndMachinesAreNeverAnswered() {
        assertEquals(Kind.APPLICATION, MailClassifier.classify(mail("Subject: オンライン職業相談希望（可部太郎）\r\n", "..."),
                null, "オンライン職業相談希望", OURS));
        assertEquals(Kind.FOR_STAFF, MailClassifier.classify(mail("Subject: オンライン職業相談希望\r\n", "..."), null, null, OURS));
        assertEquals(Kind.AUTOMATIC, MailClassifier.classify(mail("Subject: 不在\r\nAuto-Submitted: auto-replied\r\n", "不在"),
                "INVITATION", null, OURS));
        assertEquals(Kind.AUTOMATIC, MailClassifier.classify(mail("Subject: list\r\nPrecedence: bulk\r\n", "x"), null, null, OURS));
        MailFacts loop = MailFacts.read(("From: online.kaga@madoguchi.example.jp\r\nSubject: x\r\n\r\nx").getBytes(StandardCharsets.UTF_8));
        assertEquals(Kind.AUTOMATIC, MailClassifier.classify(loop, null, null, OURS));
    }
}
