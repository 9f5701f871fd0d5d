package jp.madoguchi.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import io.restassured.http.ContentType;
import jp.madoguchi.testing.MailInbox;
import jp.madoguchi.testing.Tokens;

/**
 * The reference My Page and staff console in Chromium (Debian's, headless), against the whole running stack: people
 * sign in through Keycloak (code + PKCE), and every call the pages make crosses origins to the four services exactly
 * as an outside front end's would. Each step leaves a screenshot in {@code target/screenshots}; each page is checked
 * by axe-core for serious accessibility violations (WCAG 2.1 A and AA rules).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserIT {

    private static final Duration HOP = Duration.ofSeconds(30);
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private static Suite suite;
    private static Playwright playwright;
    private static Browser browser;
    private static final List<BrowserContext> contexts = new ArrayList<>();

    /** The Kabe booking the seeker makes in the first step and the counselor confirms in the second. */
    private static String kabeBooking;
    private static String kabeEmail;

    @BeforeAll
    static void startBrowser() throws Exception {
        suite = Suite.get();
        Suite.generousLimits(suite.reservation.url(), "kaga");
        Suite.generousLimits(suite.reservation.url(), "kabe");
        Files.createDirectories(SHOTS);
        // the distribution's Chromium: Playwright downloads no browser of its own
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        String chromium = System.getenv().getOrDefault("MADOGUCHI_CHROMIUM", "/usr/bin/chromium");
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(Path.of(chromium))
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    @AfterAll
    static void closeBrowser() {
        contexts.forEach(BrowserContext::close);
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    @Order(1)
    void aSeekerSignsInAppliesForAKabeSlotAndSeesTheBooking() {
        Page page = signIn("seeker-kabe", "/mypage/#/slots?office=kabe");
        assertTrue(page.locator("select[name=office]").inputValue().equals("kabe"), "the office asked for in the link");
        assertTrue(page.locator("#rules-h").isVisible(), "the office's rules are shown before applying");
        shot(page, "01-mypage-kabe-slots");
        accessible(page, "My Page: slots");

        Locator free = page.locator("input[name=slot]:not([disabled])");
        assertTrue(free.count() > 0, "Kabe has free slots in the next four weeks");
        free.first().check();
        kabeEmail = "browser-" + UUID.randomUUID() + "@example.jp";
        page.locator("input[name=email]").fill(kabeEmail);
        page.locator("input[name=phone]").fill("082-000-1234");
        if (page.locator("input[name=counselorName]").count() > 0) {
            page.locator("input[name=counselorName]").fill("安佐");
        }
        page.locator("#comp-INTERPRETER").check();
        page.locator("form.apply button[type=submit]").click();

        // the application lands on the bookings view, where the new booking waits for the office
        Locator booking = page.locator("li.booking[data-state=REQUESTED]").first();
        booking.waitFor();
        kabeBooking = booking.getAttribute("data-id");
        assertNotNull(kabeBooking);
        ready(page);
        assertTrue(page.locator("#status").textContent().contains("申込みを受け付けました"), page.locator("#status").textContent());
        // Kabe takes cancellations by phone only: the booking says so, with the number, instead of a button
        String phone = officePhone("kabe");
        Locator mine = page.locator("li.booking[data-id='" + kabeBooking + "']");
        assertTrue(mine.locator(".guidance").textContent().contains(phone), mine.textContent());
        assertEquals(0, mine.locator("button").count(), "no cancel button where the office takes cancellations by phone");
        shot(page, "02-mypage-kabe-applied");
        accessible(page, "My Page: bookings");
    }

    @Test
    @Order(2)
    void theKabeCounselorSeesTheRequestWithItsFreeSeatsAndConfirmsIt() {
        assertNotNull(kabeBooking, "the seeker's application (step 1)");
        Page page = signIn("counselor-kabe", "/staff/#/queue");
        Locator request = page.locator("li.request[data-id='" + kabeBooking + "']");
        request.waitFor();
        assertTrue(request.textContent().contains(kabeEmail), "the request shows the person's contact details");
        assertTrue(request.locator(".prefs .free").count() > 0, "the preference shows its free seats");
        shot(page, "03-staff-kabe-queue");
        accessible(page, "staff console: queue");

        request.locator(".prefs button").first().click();
        page.locator("#status:has-text('予約を確定しました')").waitFor();
        ready(page);
        assertEquals(0, page.locator("li.request[data-id='" + kabeBooking + "']").count(), "confirmed: gone from the queue");
        shot(page, "04-staff-kabe-confirmed");
    }

    @Test
    @Order(3)
    void theSeekerSeesTheConfirmedBookingAndTheInvitationArrives() {
        assertNotNull(kabeBooking, "the confirmed booking (step 2)");
        Page page = signIn("seeker-kabe", "/mypage/#/bookings");
        Locator mine = page.locator("li.booking[data-id='" + kabeBooking + "']");
        mine.waitFor();
        assertEquals("CONFIRMED", mine.getAttribute("data-state"));
        assertTrue(mine.locator(".state").textContent().contains("予約確定"), mine.textContent());
        shot(page, "05-mypage-kabe-confirmed");

        MailInbox.Mail invitation = await().atMost(HOP).until(() -> MailInbox.to(kabeEmail).stream()
                .filter(m -> m.subject().contains("本予約")).findFirst(), o -> o.isPresent()).get();
        assertTrue(invitation.text().contains(kabeBooking), invitation.text());
    }

    @Test
    @Order(4)
    void aKagaCounselorCannotSeeKabesQueue() {
        assertNotNull(kabeBooking);
        // a second Kabe request, still waiting, so that there is something in Kabe's queue to not see
        String waiting = apply("seeker2-kabe", "kabe");
        Page page = signIn("counselor-kaga", "/staff/#/queue?office=kabe");
        assertTrue(page.locator("header .who").textContent().contains("kaga"), "signed in for Kaga");
        assertEquals(0, page.locator("li.request[data-id='" + waiting + "']").count(), "Kabe's request in Kaga's queue");
        page.locator("nav a[data-route=booked]").click();
        ready(page);
        assertEquals(0, page.locator("li.booking[data-id='" + kabeBooking + "']").count(), "Kabe's booking in Kaga's list");
        shot(page, "06-staff-kaga-queue");
        // and what the page does not show, the API behind it does not give either
        given().baseUri(suite.reservation.url()).auth().oauth2(Tokens.of("counselor-kaga"))
                .get("/api/staff/reservations/" + waiting)
                .then().statusCode(anyOf(is(403), is(404)));
    }

    @Test
    @Order(5)
    void aSameDayBookingShowsThePhoneGuidanceWhereAnEarlierOneCanBeCancelled() {
        // a confirmed Kaga booking in the future, during which the counselor starts an immediate session: today
        String future = apply("seeker2-kaga", "kaga");
        given().baseUri(suite.reservation.url()).auth().oauth2(Tokens.of("counselor-kaga")).contentType(ContentType.JSON)
                .body("{}").post("/api/staff/reservations/" + future + "/confirm").then().statusCode(200);
        Page staff = signIn("counselor-kaga", "/staff/#/booked");
        Locator row = staff.locator("li.booking[data-id='" + future + "']");
        row.waitFor();
        // the application's deemed consent reaches reservation-service as an event: until then it answers 409
        await().atMost(HOP).pollInterval(Duration.ofSeconds(1)).until(() -> {
            staff.locator("li.booking[data-id='" + future + "'] > button").click();
            staff.waitForFunction("() => document.getElementById('status').textContent || document.getElementById('alert').textContent");
            boolean started = !staff.locator("#status").textContent().isEmpty();
            if (!started) {
                assertEquals("409", staff.locator("#alert .problem").getAttribute("data-status"), staff.locator("#alert").textContent());
                staff.reload();
                ready(staff);
            }
            return started;
        });
        shot(staff, "07-staff-kaga-ad-hoc");

        Page page = signIn("seeker2-kaga", "/mypage/#/bookings");
        page.locator("li.booking[data-id='" + future + "']").waitFor();
        String today = LocalDate.now(ZoneOffset.ofHours(9)).toString();
        List<Map<String, Object>> mine = given().baseUri(suite.reservation.url()).auth().oauth2(Tokens.of("seeker2-kaga"))
                .get("/api/reservations?size=100").then().statusCode(200).extract().jsonPath().getList("$");
        String sameDay = mine.stream().filter(b -> "kaga".equals(b.get("officeId")) && b.get("slotStart") != null
                && String.valueOf(b.get("slotStart")).startsWith(today) && "CONFIRMED".equals(b.get("state")))
                .map(b -> (String) b.get("id")).findFirst().orElseThrow(() -> new AssertionError("no same-day booking: " + mine));
        Locator todays = page.locator("li.booking[data-id='" + sameDay + "']");
        assertTrue(todays.locator(".guidance").textContent().contains("当日の取消しは電話でのみ"), todays.textContent());
        assertTrue(todays.locator(".guidance").textContent().contains(officePhone("kaga")), todays.textContent());
        assertEquals(0, todays.locator("button").count(), "no cancel button on the day itself");
        // Kaga takes cancellations online before the day: the future booking has its button
        Locator later = page.locator("li.booking[data-id='" + future + "']");
        assertEquals(1, later.locator("button").count(), later.textContent());
        shot(page, "08-mypage-kaga-same-day");
        // the person phones, as told; the counselor records it, which also frees Kaga's only counselor for the
        // other classes' ad-hoc sessions this half hour
        given().baseUri(suite.reservation.url()).auth().oauth2(Tokens.of("counselor-kaga")).contentType(ContentType.JSON)
                .body(Map.of("channel", "PHONE", "note", "当日に電話で取消し")).post("/api/staff/reservations/" + sameDay + "/cancellation")
                .then().statusCode(200).body("state", is("CANCELLED"));

        // the session's access code went to the My Page inbox
        page.locator("nav a[data-route=inbox]").click();
        ready(page);
        Locator messages = page.locator("ul.inbox > li");
        assertTrue(messages.count() > 0, "the access code is in the inbox");
        messages.first().locator("button").click();
        page.locator("article.message h2").waitFor();
        assertFalse(page.locator("article.message pre").textContent().isBlank());
        shot(page, "09-mypage-inbox");
        accessible(page, "My Page: inbox");
    }

    @Test
    @Order(6)
    void aRevisionOfTheTermsIsConsentedToFromMyPage() {
        // seeker-kabe consented to Kabe's terms by applying (step 1); Kabe's admin now publishes a revision
        String version = publishKabeTerms();
        Page page = signIn("seeker-kabe", "/mypage/#/terms?office=kabe");
        assertTrue(page.locator("#consent-state").textContent().contains("まだ現在の利用規約に同意していません"),
                page.locator("#consent-state").textContent());
        assertTrue(page.locator("ul.changes").textContent().contains("改訂後の相談の流れ"), "what changed, from the diff");
        shot(page, "10-mypage-terms-revised");
        accessible(page, "My Page: terms");

        page.locator("#consent").click();
        page.locator("#consent-state.ok").waitFor();
        ready(page);
        shot(page, "11-mypage-terms-consented");
        given().baseUri(suite.consent.url()).auth().oauth2(Tokens.of("seeker-kabe"))
                .queryParam("officeId", "kabe").get("/api/consents/status")
                .then().statusCode(200).body("consented", is(true)).body("termsVersionInForce", is(version));
    }

    @Test
    @Order(7)
    void everyPageOfBothConsolesHasNoSeriousAccessibilityViolationsAndSwitchesToEnglish() {
        Page landing = context().newPage();
        landing.navigate(suite.web.url() + "/");
        accessible(landing, "landing page");

        Page admin = signIn("admin-kabe", "/staff/#/queue");
        List<String> routes = admin.locator("nav a").all().stream().map(a -> a.getAttribute("data-route")).toList();
        assertTrue(routes.containsAll(List.of("terms", "audit")), "an office admin sees the admin pages: " + routes);
        for (String route : routes) {
            admin.locator("nav a[data-route=" + route + "]").click();
            ready(admin);
            assertFalse(admin.locator("#alert .problem").isVisible(), route + ": " + admin.locator("#alert").textContent());
            accessible(admin, "staff console: " + route);
        }
        admin.locator("nav a[data-route=office]").click();
        ready(admin);
        shot(admin, "12-staff-kabe-office");

        Page counselor = signIn("counselor-kabe", "/staff/#/queue");
        List<String> theirs = counselor.locator("nav a").all().stream().map(a -> a.getAttribute("data-route")).toList();
        assertFalse(theirs.contains("terms") || theirs.contains("audit"), "a counselor sees no admin page: " + theirs);

        Page seeker = signIn("seeker-kabe", "/mypage/#/slots?office=kabe");
        seeker.locator("header button[lang=en]").click();
        ready(seeker);
        assertEquals("en", seeker.locator("html").getAttribute("lang"));
        assertTrue(seeker.locator("nav").textContent().contains("Messages"), seeker.locator("nav").textContent());
        shot(seeker, "13-mypage-english");
        accessible(seeker, "My Page in English");
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    /** A fresh browser (no session) the size of a smartphone, in Japan. */
    private static BrowserContext context() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("ja-JP")
                .setTimezoneId("Asia/Tokyo").setViewportSize(390, 844));
        contexts.add(context);
        return context;
    }

    /** Opens a page of the web app, signs in on Keycloak's page and waits for the view asked for. */
    private static Page signIn(String user, String path) {
        Page page = context().newPage();
        page.navigate(suite.web.url() + path);
        page.locator("#username").fill(user);
        page.locator("#password").fill(Tokens.PASSWORD);
        page.locator("#kc-login").click();
        page.locator("nav").waitFor();
        ready(page);
        return page;
    }

    /** Waits until the view has been drawn (the router marks the main region busy while it loads). */
    private static void ready(Page page) {
        page.waitForFunction("() => { const m = document.getElementById('main'); "
                + "return m && !m.hasAttribute('aria-busy') && !m.textContent.includes('読み込み中') && !m.textContent.includes('Loading'); }");
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }

    private static void accessible(Page page, String what) {
        List<Rule> serious = new AxeBuilder(page).withTags(WCAG).analyze().getViolations().stream()
                .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact())).toList();
        assertTrue(serious.isEmpty(), () -> what + ": " + serious.stream()
                .map(v -> v.getId() + " (" + v.getImpact() + ") " + v.getHelp() + " at "
                        + v.getNodes().stream().map(n -> String.valueOf(n.getTarget())).limit(5).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n")));
    }

    private static String officePhone(String office) {
        return given().baseUri(suite.reservation.url()).auth().oauth2(Tokens.of("seeker-kaga")).get("/api/offices/" + office)
                .then().statusCode(200).extract().path("phone");
    }

    /** An application made through the API, for the steps that are about something else. */
    private static String apply(String user, String office) {
        String token = Tokens.of(user);
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(9));
        List<Map<String, Object>> slots = given().baseUri(suite.reservation.url()).auth().oauth2(token)
                .queryParam("from", today.toString()).queryParam("to", today.plusDays(28).toString())
                .get("/api/offices/" + office + "/availability").then().statusCode(200).extract().jsonPath().getList("$");
        String start = slots.stream().filter(s -> ((Number) s.get("free")).intValue() > 0).map(s -> (String) s.get("start"))
                .reduce((a, b) -> b).orElseThrow();
        Map<String, Object> body = new java.util.HashMap<>(Map.of("officeId", office, "name", "窓口 花子",
                "preferredStarts", List.of(start), "email", "browser-" + UUID.randomUUID() + "@example.jp",
                "phone", "kabe".equals(office) ? "082-000-1234" : "0761-00-1234"));
        String number = Tokens.claim(token, "seeker_number");
        if (number != null) {
            body.put("seekerNumber", number);
        }
        if ("kabe".equals(office)) {
            body.put("counselorName", "安佐");
        }
        return given().baseUri(suite.reservation.url()).auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/reservations").then().statusCode(201).extract().path("id");
    }

    private static String publishKabeTerms() {
        String admin = Tokens.of("admin-kabe");
        String version = "kabe-browser-" + Long.toString(System.currentTimeMillis(), 36);
        String today = LocalDate.now(ZoneOffset.ofHours(9)).toString();
        Map<String, Object> draft = Map.of("id", version, "title", "オンライン職業相談利用規約（ハローワーク可部）",
                "enactedOn", today, "effectiveFrom", today, "changeNotice", "本日から相談の流れを改めます。",
                "articles", List.of(Map.of("number", "3", "heading", "相談の流れ", "body", "改訂後の相談の流れ。")));
        given().baseUri(suite.consent.url()).auth().oauth2(admin).contentType(ContentType.JSON).body(draft)
                .post("/api/offices/kabe/terms").then().statusCode(201);
        given().baseUri(suite.consent.url()).auth().oauth2(admin).post("/api/offices/kabe/terms/" + version + "/publish")
                .then().statusCode(200);
        return version;
    }
}
