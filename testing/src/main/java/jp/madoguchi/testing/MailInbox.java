package jp.madoguchi.testing;

import static io.restassured.RestAssured.given;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The dev stack's SMTP inbox, read through its HTTP API. */
public final class MailInbox {

    private MailInbox() {
    }

    public static List<Mail> to(String address) {
        return List.of(given().queryParam("to", address)
                .get(Stack.get().mailApiUrl() + "/api/messages")
                .then().statusCode(200)
                .extract().as(Mail[].class));
    }

    /** Every message the stack's SMTP server received. */
    public static List<Mail> all() {
        return List.of(given().get(Stack.get().mailApiUrl() + "/api/messages")
                .then().statusCode(200)
                .extract().as(Mail[].class));
    }

    /** Takes the stack's SMTP server down: senders get connection refused until {@link #startSmtp()}. */
    public static void stopSmtp() {
        given().post(Stack.get().mailApiUrl() + "/api/smtp/stop").then().statusCode(204);
    }

    public static void startSmtp() {
        given().post(Stack.get().mailApiUrl() + "/api/smtp/start").then().statusCode(204);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Mail(String id, String from, List<String> to, String subject, String text, String html,
            List<Attachment> attachments, java.util.Map<String, String> headers) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Attachment(String filename, String contentType, String content) {
    }
}
