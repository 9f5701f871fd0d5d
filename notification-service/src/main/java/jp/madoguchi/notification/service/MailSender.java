package jp.madoguchi.notification.service;

import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one external side effect of a message: the SMTP send, made outside any transaction. My Page messages and
 * call-back tasks are rows of this service's own, written with the outcome instead.
 */
@ApplicationScoped
public class MailSender {

    private final ReactiveMailer mailer;

    public MailSender(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    public Uni<Outgoing> send(Outgoing outgoing) {
        if (outgoing instanceof Outgoing.Email email) {
            return mailer.send(email.mail()).replaceWith(outgoing);
        }
        return Uni.createFrom().item(outgoing);
    }
}
