package jp.madoguchi.consent.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import jp.madoguchi.consent.config.ConsentConfig;
import jp.madoguchi.consent.entity.TermsArticle;
import jp.madoguchi.consent.entity.TermsVersion;
import jp.madoguchi.consent.events.ConsentEvents;
import jp.madoguchi.consent.repository.ConsentRecordRepository;
import jp.madoguchi.consent.repository.TermsArticleRepository;
import jp.madoguchi.consent.repository.TermsVersionRepository;
import jp.madoguchi.platform.paging.Page;
import jp.madoguchi.platform.paging.PageRequest;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.platform.problem.Visible;

/** Versions of each office's terms: drafts, publication (immutable from then on), what is in force, diffs. */
@ApplicationScoped
public class TermsService {

    private static final Logger LOG = Logger.getLogger(TermsService.class);

    private final TermsVersionRepository versions;
    private final TermsArticleRepository articles;
    private final ConsentEvents events;
    private final ConsentRecordRepository consents;
    private final ConsentConfig config;
    private final Clock clock;

    public TermsService(TermsVersionRepository versions, TermsArticleRepository articles, ConsentEvents events,
            ConsentRecordRepository consents, ConsentConfig config, Clock clock) {
        this.versions = versions;
        this.articles = articles;
        this.events = events;
        this.consents = consents;
        this.config = config;
        this.clock = clock;
    }

    /** Where a published version can be read by anyone. */
    public record PublicPage(String officeId, String versionId, String url) {
    }

    /** The public page of a published version (a draft has none: 404, as for an unknown one). */
    @WithSession
    public Uni<PublicPage> publicPage(String officeId, String versionId) {
        return Visible.orNotFound(versions.findById(versionId), v -> officeId.equals(v.officeId) && v.publishedAt != null,
                "terms", versionId).map(v -> new PublicPage(officeId, versionId, config.termsPageUrl(officeId, versionId)));
    }

    /** A version with its articles. */
    public record Document(TermsVersion version, List<TermsArticle> articles) {
    }

    public record ArticleText(String number, String heading, String body) {
    }

    /**
     * Who reads the terms. A draft exists only for the admins of its office until it is published: to anyone else
     * it is "not found", exactly like a version id that was never issued.
     *
     * @param adminOf the office whose admin is reading, if any
     */
    public record Reader(String adminOf, boolean national) {

        /** Anyone else: the public, people, counselors, other offices' admins. */
        public static final Reader PUBLIC = new Reader(null, false);
        /** A national administrator, who opens offices' first terms: every office's drafts. */
        public static final Reader NATIONAL = new Reader(null, true);

        public static Reader adminOf(String officeId) {
            return new Reader(officeId, false);
        }

        public boolean mayRead(TermsVersion v) {
            return !TermsVersion.DRAFT.equals(v.status) || readsDraftsOf(v.officeId);
        }

        public boolean readsDraftsOf(String officeId) {
            return national || officeId.equals(adminOf);
        }
    }

    public record ArticleChange(String number, String change, String heading, String before, String after) {
    }

    /** Published versions that no event has announced yet (the seeded ones) are announced once, at start. */
    void announceSeeded(@Observes StartupEvent start) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> versions.unannounced()
                .flatMap(list -> Multi.createFrom().iterable(list).onItem().transformToUniAndConcatenate(v -> {
                    v.announcedAt = OffsetDateTime.now(clock);
                    LOG.infof("announcing terms %s", v.id);
                    return events.revised(v);
                }).collect().asList())));
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(config.zone()));
    }

    /** Must run in a session. */
    public Uni<TermsVersion> inForce(String officeId) {
        return versions.inForce(officeId, today())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("terms", officeId));
    }

    @WithSession
    public Uni<Document> current(String officeId) {
        return inForce(officeId).flatMap(this::document);
    }

    @WithSession
    public Uni<Document> version(String officeId, String versionId, Reader reader) {
        return find(officeId, versionId, reader).flatMap(this::document);
    }

    /** Newest first; drafts only for the office's admins. */
    @WithSession
    public Uni<Page<TermsVersion>> history(String officeId, Reader reader, PageRequest page) {
        return Page.of(versions.ofOffice(officeId, reader.readsDraftsOf(officeId)), page);
    }

    /** Article by article: what a later version added, removed or changed. */
    @WithSession
    public Uni<List<ArticleChange>> diff(String officeId, String fromId, String toId, Reader reader) {
        return find(officeId, fromId, reader).flatMap(from -> find(officeId, toId, reader))
                .flatMap(to -> articles.of(fromId).flatMap(before -> articles.of(toId).map(after -> compare(before, after))));
    }

    static List<ArticleChange> compare(List<TermsArticle> before, List<TermsArticle> after) {
        Map<String, TermsArticle> old = new LinkedHashMap<>();
        before.forEach(a -> old.put(a.number, a));
        List<ArticleChange> changes = new ArrayList<>();
        for (TermsArticle a : after) {
            TermsArticle b = old.remove(a.number);
            if (b == null) {
                changes.add(new ArticleChange(a.number, "ADDED", a.heading, null, a.body));
            } else if (!Objects.equals(a.heading, b.heading) || !Objects.equals(a.body, b.body)) {
                changes.add(new ArticleChange(a.number, "CHANGED", a.heading, b.body, a.body));
            } else {
                changes.add(new ArticleChange(a.number, "UNCHANGED", a.heading, null, null));
            }
        }
        old.values().forEach(b -> changes.add(new ArticleChange(b.number, "REMOVED", b.heading, b.body, null)));
        return changes;
    }

    @WithTransaction
    public Uni<Document> createDraft(String officeId, String versionId, String title, LocalDate enactedOn,
            LocalDate effectiveFrom, String changeNotice, List<ArticleText> texts) {
        return versions.findById(versionId).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(ProblemException.conflict("terms.version-exists", versionId));
            }
            TermsVersion v = new TermsVersion();
            v.id = versionId;
            v.officeId = officeId;
            v.status = TermsVersion.DRAFT;
            return save(v, title, enactedOn, effectiveFrom, changeNotice, texts);
        });
    }

    @WithTransaction
    public Uni<Document> updateDraft(String officeId, String versionId, String title, LocalDate enactedOn,
            LocalDate effectiveFrom, String changeNotice, List<ArticleText> texts) {
        return lockDraft(officeId, versionId).flatMap(v -> {
            // always a change to the row, so its @Version is checked at commit as well
            v.editedAt = OffsetDateTime.now(clock);
            return articles.delete("versionId", versionId)
                    .flatMap(n -> save(v, title, enactedOn, effectiveFrom, changeNotice, texts));
        });
    }

    /**
     * Publishes a draft: from now on it never changes. Earlier published versions are superseded (the latest
     * already effective stays in force until the new one's effective date), and a TermsRevised event announces
     * what changes and from when, to the other services and, one TermsRevisionAnnounced each, to every person with a
     * consent on record at the office (article 13).
     */
    @WithTransaction
    public Uni<Document> publish(String officeId, String versionId) {
        return lockDraft(officeId, versionId).flatMap(v -> {
            if (v.effectiveFrom.isBefore(today())) {
                return Uni.createFrom().failure(ProblemException.unprocessable("terms.effective-in-past"));
            }
            if (v.changeNotice == null || v.changeNotice.isBlank()) {
                // article 13: a revision is announced with what changes and when
                return Uni.createFrom().failure(ProblemException.unprocessable("terms.change-notice-required"));
            }
            return versions.inForce(officeId, today()).flatMap(previous -> versions.published(officeId).flatMap(all -> {
                all.forEach(o -> o.status = TermsVersion.SUPERSEDED);
                v.previousId = previous == null ? null : previous.id;
                v.status = TermsVersion.PUBLISHED;
                v.publishedAt = OffsetDateTime.now(clock);
                v.announcedAt = v.publishedAt;
                // in the publishing transaction: the revision is published if and only if everyone will be told
                return events.revised(v).flatMap(x -> consents.consentersAt(officeId)).flatMap(people -> Multi.createFrom()
                        .iterable(people).onItem().transformToUniAndConcatenate(person -> events.revisionAnnounced(v, person))
                        .collect().last());
            })).flatMap(x -> document(v));
        });
    }

    private Uni<Document> save(TermsVersion v, String title, LocalDate enactedOn, LocalDate effectiveFrom,
            String changeNotice, List<ArticleText> texts) {
        v.title = title;
        v.enactedOn = enactedOn;
        v.effectiveFrom = effectiveFrom;
        v.changeNotice = changeNotice;
        List<TermsArticle> list = new ArrayList<>();
        for (ArticleText t : texts) {
            TermsArticle a = new TermsArticle();
            a.versionId = v.id;
            a.ordinal = ordinal(t.number());
            a.number = t.number();
            a.heading = t.heading();
            a.body = t.body();
            list.add(a);
        }
        if (list.stream().map(a -> a.ordinal).distinct().count() != list.size()) {
            return Uni.createFrom().failure(ProblemException.unprocessable("terms.duplicate-article"));
        }
        return versions.persist(v).flatMap(x -> articles.persist(list)).flatMap(x -> document(v));
    }

    /** "6" → 60, "6の2" → 62: article order, with branch articles after their parent. */
    static short ordinal(String number) {
        String[] parts = number.split("の");
        int main = Integer.parseInt(parts[0]);
        int branch = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        if (branch > 9 || main > 3000) {
            throw ProblemException.unprocessable("terms.article-number", number);
        }
        return (short) (main * 10 + branch);
    }

    /**
     * The draft, its row locked until the transaction ends: edits and the publication of one draft take turns, each
     * seeing what the one before committed, so an edit after the publication is refused (409) and the articles are
     * replaced whole, never interleaved. A draft's admins only; anything but a draft is immutable.
     */
    private Uni<TermsVersion> lockDraft(String officeId, String versionId) {
        return Visible.orNotFound(versions.findById(versionId, LockModeType.PESSIMISTIC_WRITE),
                        v -> v.officeId.equals(officeId), "terms", versionId)
                .invoke(v -> {
                    if (!TermsVersion.DRAFT.equals(v.status)) {
                        throw ProblemException.conflict("terms.immutable", versionId);
                    }
                });
    }

    /** The version if this reader may see it; otherwise 404, the same answer as for an unknown id. */
    public Uni<TermsVersion> find(String officeId, String versionId, Reader reader) {
        return Visible.orNotFound(versions.findById(versionId), v -> v.officeId.equals(officeId) && reader.mayRead(v),
                "terms", versionId);
    }

    private Uni<Document> document(TermsVersion v) {
        return articles.of(v.id).map(list -> new Document(v, list));
    }
}
