package jp.madoguchi.consent.repository;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.consent.entity.TermsArticle;

@ApplicationScoped
public class TermsArticleRepository implements PanacheRepositoryBase<TermsArticle, TermsArticle.Key> {

    public Uni<List<TermsArticle>> of(String versionId) {
        return list("versionId = ?1 order by ordinal", versionId);
    }
}
