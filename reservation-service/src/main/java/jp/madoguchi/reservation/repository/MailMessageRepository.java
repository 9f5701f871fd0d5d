package jp.madoguchi.reservation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.reservation.entity.MailMessage;

@ApplicationScoped
public class MailMessageRepository implements PanacheRepositoryBase<MailMessage, String> {
}
