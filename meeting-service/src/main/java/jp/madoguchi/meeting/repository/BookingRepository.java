package jp.madoguchi.meeting.repository;

import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.meeting.entity.Booking;

@ApplicationScoped
public class BookingRepository implements PanacheRepositoryBase<Booking, UUID> {
}
