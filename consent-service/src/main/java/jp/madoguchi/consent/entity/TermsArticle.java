package jp.madoguchi.consent.entity;

import java.io.Serializable;
import java.util.Objects;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One article of a version of the terms. */
@Entity
@Table(name = "terms_article")
@IdClass(TermsArticle.Key.class)
public class TermsArticle extends PanacheEntityBase {

    @Id
    @Column(name = "version_id")
    public String versionId;

    /** Article number × 10 + branch: "6の2" is 62, between 6 and 7. */
    @Id
    public short ordinal;

    /** As printed: 1, 6, 6の2. */
    @Column(nullable = false)
    public String number;

    @Column(nullable = false)
    public String heading;

    @Column(nullable = false)
    public String body;

    public static class Key implements Serializable {
        public String versionId;
        public short ordinal;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(versionId, k.versionId) && ordinal == k.ordinal;
        }

        @Override
        public int hashCode() {
            return Objects.hash(versionId, ordinal);
        }
    }
}
