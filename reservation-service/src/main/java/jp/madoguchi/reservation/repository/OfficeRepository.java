package jp.madoguchi.reservation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.reservation.entity.Office;

@ApplicationScoped
public class OfficeRepository implements PanacheRepositoryBase<Office, String> {
}
