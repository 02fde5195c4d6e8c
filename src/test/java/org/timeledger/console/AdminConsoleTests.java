package org.timeledger.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.timeledger.testing.Api;
import org.timeledger.testing.World;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/**
 * A scheme set up and audited in the console: the administrator of every scheme creates it, the
 * scheme's administrator adds its kinds of help, an organisation, staff, a partner with an offer
 * and till keys; after some volunteering and a sale, an auditor reads the report and its charts,
 * checks the books and downloads them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AdminConsoleTests extends ConsoleTest {
    private static final String SCHEME = "Northfield Timebank";
    private static final String PARTNER = "Northfield Leisure Centre";
    private String code;
    private String auditor;
    private String partnerId;
    private String frontDeskKey;

    @Test
    @Order(1)
    void theAdministratorOfEverySchemeCreatesASchemeAndChoosesIt() {
        code = "northfield-" + database.kind();
        signIn("admin", ADMIN_PASSWORD, "Schemes");
        check("admin-schemes");
        browser.type("Name", SCHEME).type("Code", code).press("Create the scheme");
        assertThat(browser.message("is created")).contains("with the code " + code);
        browser.press("Work on " + SCHEME).at("Dashboard");
        assertThat(get("/v1/schemes/" + code).get("name").asText()).isEqualTo(SCHEME);
        assertThat(get("/v1/schemes/" + code).get("holdMinutes").asInt()).isEqualTo(15);

        // switching scheme: picked from the list of every scheme, by name, not typed
        create("/v1/schemes", "code", "southfield-" + database.kind(), "name", "Southfield Timebank");
        browser.press("Schemes").at("Schemes").waitForText("You are working on the scheme " + code);
        assertThat(browser.driver.findElements(By.cssSelector("form[aria-label='Work on a scheme'] input")))
                .as("no box to type a code into").isEmpty();
        browser.choose("Scheme", "Southfield Timebank (southfield-" + database.kind() + ")");
        check("admin-schemes-list");
        browser.press("Open the scheme").at("Dashboard");
        browser.press("Schemes").at("Schemes").waitForText("You are working on the scheme southfield-" + database.kind());
        browser.choose("Scheme", SCHEME + " (" + code + ")").press("Open the scheme").at("Dashboard");
        browser.press("Schemes").at("Schemes").waitForText("You are working on the scheme " + code);
        signOut();
    }

    @Test
    @Order(2)
    void theSchemesAdministratorAddsAnOrganisationKindsOfHelpAndStaff() {
        signIn(staffUser(code, "ADMIN"), STAFF_PASSWORD, "Dashboard");
        browser.press("Organisations").at("Organisations");
        browser.type("Name", "Northfield Community Centre").type("Ward or area (optional)", "Northfield").press("Add the organisation");
        browser.message("Added the organisation Northfield Community Centre");
        assertThat(tableText("Organisations")).contains("Northfield Community Centre Northfield 0 credits");
        check("admin-organisations");

        browser.press("Settings").at("Scheme settings");
        assertThat(browser.text()).contains("15 minutes: a sale not finished", "90 days",
                "0 credits: members spend only the credits they have", "Europe/London",
                "The rules have not changed since the scheme was created.").doesNotContain("These settings cannot be changed");
        browser.type("Name of the kind of help", "Gardening").type("Short code", "gardening").press("Add the kind of help");
        browser.message("Added the kind of help Gardening");
        browser.type("Name of the kind of help", "Befriending").type("Short code", "befriending")
                .tick("Needs a safeguarding check (vetting) before a member earns for it").press("Add the kind of help");
        browser.message("Added the kind of help Befriending");
        assertThat(tableText("Kinds of help")).contains("Befriending befriending Yes: only members whose vetting is cleared earn for it",
                "Gardening gardening No");
        // a code taken already is refused in words
        browser.type("Name of the kind of help", "Garden work").type("Short code", "gardening").press("Add the kind of help");
        assertThat(browser.message("Choose another code")).doesNotContain("Exception");
        assertThat(get("/v1/schemes/" + code + "/categories").get("items")).hasSize(2);

        auditor = "audit-" + code;
        browser.choose("Role", "Auditor").type("Their username", auditor).type("A first password for them", STAFF_PASSWORD)
                .press("Add the staff member");
        assertThat(browser.message("Added " + auditor + " as auditor")).contains("sign in at");
        String coordinator = "coordinate-" + code;
        browser.choose("Role", "Coordinator").tick("Northfield Community Centre").type("Their username", coordinator)
                .type("A first password for them", STAFF_PASSWORD).press("Add the staff member");
        browser.message("Added " + coordinator + " as coordinator");
        anonymous.login(coordinator, STAFF_PASSWORD);
        check("admin-settings");
        changeARuleAndSeeItInTheHistory();
    }

    /** The till's hold from 15 minutes to half an hour, and how far back hours may be logged, with a confirmation step. */
    private void changeARuleAndSeeItInTheHistory() {
        WebElement holdHours = browser.driver.findElement(By.name("hold.hours"));
        WebElement holdMinutes = browser.driver.findElement(By.name("hold.minutes"));
        assertThat(holdMinutes.getAttribute("value")).as("the hold shown in hours and minutes").isEqualTo("15");
        holdHours.clear();
        holdMinutes.clear();
        holdMinutes.sendKeys("30");
        browser.type("How many days back hours may be logged", "30").press("Check the change");
        browser.waitForText("Change these rules?");
        assertThat(browser.text()).contains("How long a till holds credits: 15 minutes, from now on 30 minutes.",
                "How far back hours may be logged: 90 days, from now on 30 days.");
        assertThat(get("/v1/schemes/" + code).get("holdMinutes").asInt()).as("nothing changes before yes").isEqualTo(15);
        check("admin-settings-confirm");
        browser.press("Yes, change the rules");
        browser.message("The rules are changed.");
        assertThat(tableText("Changes to the rules")).contains("How long a till holds credits 15 minutes 30 minutes admin-" + code,
                "How far back hours may be logged 90 days 30 days admin-" + code);
        assertThat(browser.text()).contains("30 minutes: a sale not finished", "30 days");
        assertThat(get("/v1/schemes/" + code).get("holdMinutes").asInt()).isEqualTo(30);
        assertThat(get("/v1/schemes/" + code).get("backdateDays").asInt()).isEqualTo(30);
        check("admin-settings-changed");

        // a change that breaks a bound is refused in words and hours, before anything is sent
        browser.driver.findElement(By.name("lowest.hours")).sendKeys("5");
        browser.driver.findElement(By.name("floor.hours")).sendKeys("10");
        browser.press("Check the change");
        assertThat(browser.message("must be at least what every member may owe (10 hours)")).doesNotContain("Minutes");
        check("admin-settings-refused");
    }

    @Test
    @Order(3)
    void addsAPartnerAndItsOffer() {
        browser.press("Partners").at("Partners");
        browser.type("Name", PARTNER).type("Ward or area (optional)", "Northfield").press("Add the partner");
        browser.message("Added the partner " + PARTNER);
        check("admin-partners");
        WebElement link = browser.driver.findElement(By.xpath("//table//a[normalize-space()=" + Browser.quote(PARTNER) + "]"));
        partnerId = link.getAttribute("href").replaceAll(".*[?&]id=", "");
        link.click();
        browser.at(PARTNER);
        browser.type("What is offered", "Swim session").type("Hours", "1").type("Most sold in a week (optional)", "10")
                .press("Publish the offer");
        browser.message("Published Swim session at 1 credit");
        browser.press("Withdraw Swim session");
        browser.message("Withdrew Swim session");
        assertThat(offer().get("active").asBoolean()).isFalse();
        browser.press("Offer Swim session again");
        browser.message("Swim session is on offer again");
        JsonNode offer = offer();
        assertThat(offer.get("active").asBoolean()).isTrue();
        assertThat(offer.get("amountMinutes").asLong()).isEqualTo(60);
        assertThat(offer.get("weeklyQuota").asInt()).isEqualTo(10);
        check("admin-partner");
    }

    @Test
    @Order(4)
    void createsATillKeyShownOnceAndRevokesAnother() {
        browser.press("Till keys").at("Till keys").waitForText("No till keys yet");
        browser.type("Name of the till", "Front desk").press("Create the till key");
        assertThat(browser.message("shown only this once")).contains("Start a till");
        frontDeskKey = browser.driver.findElement(By.cssSelector("code.till-key")).getText();
        assertThat(frontDeskKey).startsWith("tlk_");
        expect(anonymous.withApiKey(frontDeskKey).get("/v1/partners/" + partnerId), 200);
        browser.checkSmallAndLarge("admin-till-keys");

        browser.type("Name of the till", "Spare till").press("Create the till key");
        browser.message("The till key for Spare till");
        String spare = browser.driver.findElement(By.cssSelector("code.till-key")).getText();
        expect(anonymous.withApiKey(spare).get("/v1/partners/" + partnerId), 200);
        browser.press("Revoke Spare till").waitForText("The till stops working at once");
        check("admin-till-keys-revoke");
        browser.press("Yes, revoke Spare till");
        browser.message("Revoked the till key Spare till");
        expect(anonymous.withApiKey(spare).get("/v1/partners/" + partnerId), 401);
        expect(anonymous.withApiKey(frontDeskKey).get("/v1/partners/" + partnerId), 200);

        // shown once: the page, opened again, lists the keys but no secret
        browser.press("Partners").at("Partners");
        browser.press("Till keys").at("Till keys").waitForText("Front desk");
        assertThat(browser.text()).doesNotContain(frontDeskKey).doesNotContain(spare).contains("Revoked");
        signOut();
    }

    @Test
    @Order(5)
    void anAuditorLandsOnTheReportAndSeesTheCharts() {
        volunteeringAndASale();
        signIn(auditor, STAFF_PASSWORD, "Report");
        browser.waitForText("Credits issued, redeemed and outstanding");

        List<WebElement> charts = browser.driver.findElements(By.cssSelector("svg[role='img']"));
        assertThat(charts).hasSize(4);
        for (WebElement chart : charts) {
            WebElement title = browser.driver.findElement(By.id(chart.getAttribute("aria-labelledby")));
            assertThat(title.getTagName()).isEqualTo("title");
            assertThat(title.getAttribute("textContent")).startsWith("Chart: ").contains("The table after the chart gives the figures.");
        }
        // every kind of help has its bar, longest first: Gardening's 3 hours, Shopping's 2, none for Befriending
        assertThat(chartOf("Hours volunteered by kind of help").findElements(By.cssSelector("rect.bar")).stream()
                .map(bar -> Integer.parseInt(bar.getAttribute("width")))).containsExactly(270, 180, 0);
        assertThat(chartOf("Hours volunteered by ward").findElements(By.cssSelector("rect.bar"))).hasSize(2);
        assertThat(chartOf("Credits issued, redeemed and outstanding").findElements(By.cssSelector("rect.bar"))).hasSize(3);

        assertThat(tableText("Hours volunteered by kind of help")).contains("Gardening 3 hours 1 1", "Shopping 2 hours 1 1", "Befriending 0 hours 0 0");
        assertThat(tableText("Hours volunteered by ward")).contains("Kentish Town 3 hours 1 1", "Gospel Oak 2 hours 1 1");
        assertThat(tableText("Credits issued, redeemed and outstanding"))
                .contains("Issued in the period 5 credits", "Redeemed at partners in the period 1 credit", "5 credits");
        String thisMonth = java.time.LocalDate.parse(World.today())
                .format(java.time.format.DateTimeFormatter.ofPattern("MMMM yyyy", java.util.Locale.UK));
        assertThat(tableText("Hours volunteered each month")).contains(thisMonth + " 5 hours 2");
        assertThat(browser.text()).contains("5 hours\nvolunteered", "1 credit\nredeemed: spent at partner venues",
                "Every credit is accounted for.");
        check("auditor-report");
        browser.checkSmallAndLarge("auditor-report");

        String yearAgo = java.time.LocalDate.parse(World.today()).minusYears(1).plusDays(1).toString();
        browser.press("The last 12 months");
        // the page is drawn anew for the period once its From field shows the period's first day
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> yearAgo.equals(d.findElement(By.cssSelector("form.period input[name='from']")).getAttribute("value")));
        assertThat(tableText("Hours volunteered by kind of help")).contains("Gardening 3 hours");
    }

    @Test
    @Order(6)
    void seesTheBooksBalance() {
        browser.press("Check the books").at("Check the books");
        assertThat(browser.driver.findElement(By.cssSelector(".verdict")).getText()).isEqualTo("The books balance.");
        assertThat(browser.text()).contains("What was checked", "tamper seal");
        check("auditor-reconciliation");
        browser.press("Check again").waitForText("The books balance.");
    }

    @Test
    @Order(7)
    void downloadsTheReportAndTheJournal() {
        browser.press("Downloads").at("Downloads");
        // the page saves what the API answers as a file: keep the files' contents to read them back
        browser.script("window.saved = []; const make = URL.createObjectURL;"
                + "URL.createObjectURL = blob => { window.saved.push(blob); return make.call(URL, blob); };");
        browser.press("Download the report (CSV)");
        browser.message("Downloaded report-" + code);
        assertThat(saved(0)).contains("Gardening", "Kentish Town");
        browser.press("Download the journal (hledger)");
        browser.message("Downloaded " + code);
        assertThat(saved(1)).contains("issuance", "REDEMPTION");
        browser.press("Download the statement of " + PARTNER);
        browser.message("Downloaded sales-" + code);
        assertThat(saved(2)).contains("Swim session", "TOTAL");
        assertThat(browser.text()).as("members' contact details are for administrators").doesNotContain("contact list");
        check("auditor-downloads");
        Api auditorApi = anonymous.login(auditor, STAFF_PASSWORD);
        expect(auditorApi.get("/v1/schemes/" + code + "/export/journal?from=" + World.today() + "&to=" + World.today()), 200);
        expect(auditorApi.get("/v1/schemes/" + code + "/reports/summary?format=csv&from=" + World.today() + "&to=" + World.today()), 200);
    }

    @Test
    @Order(8)
    void anAuditorReadsTheSetUpButChangesNothing() {
        browser.press("Settings").at("Scheme settings").waitForText("Gardening");
        assertThat(browser.text()).doesNotContain("Add the kind of help", "Add the staff member");
        check("auditor-settings");
        browser.press("Organisations").at("Organisations").waitForText("Northfield Community Centre");
        assertThat(browser.text()).doesNotContain("Add the organisation");
        check("auditor-organisations");
        browser.press("Partners").at("Partners").waitForText(PARTNER);
        check("auditor-partners");
        browser.press(PARTNER).at(PARTNER).waitForText("Swim session");
        assertThat(browser.text()).contains("1 sale since", "Spent").doesNotContain("Publish the offer", "Withdraw");
        check("auditor-partner");
        browser.press("Till keys").at("Till keys").waitForText("Front desk");
        assertThat(browser.text()).doesNotContain("Create the till key", "Revoke Front desk");
        check("auditor-till-keys");
        signOut();
    }

    @Test
    @Order(9)
    void theSchemesAdministratorSettlesWithThePartner() {
        signIn("admin-" + code, STAFF_PASSWORD, "Dashboard");
        browser.press("Partners").at("Partners").press(PARTNER).at(PARTNER);
        browser.press("Settle");
        assertThat(browser.message("Settled 1 credit with " + PARTNER)).isNotEmpty();
        assertThat(reconcile(code).get("balanced").asBoolean()).isTrue();
        browser.press("Report").at("Report").waitForText("Credits issued, redeemed and outstanding");
        assertThat(tableText("Credits spent at each partner")).contains(PARTNER + " 1 credit 0 credits 1 credit");
        browser.press("Downloads").at("Downloads");
        browser.script("window.saved = []; const make = URL.createObjectURL;"
                + "URL.createObjectURL = blob => { window.saved.push(blob); return make.call(URL, blob); };");
        browser.press("Download the contact list (CSV)");
        browser.message("Downloaded contacts-" + code);
        assertThat(saved(0)).startsWith("name,cardNumber,ward,status,preferredContact,phone,email,postalAddress")
                .contains("\"Ada Lovelace\",", ",\"Kentish Town\",active,");
        signOut();
    }

    /** Checks the page as Browser.check does, and that nothing meant to be left out shows as "null" or "undefined". */
    private void check(String name) {
        assertThat(browser.text()).as(name).doesNotContain("null").doesNotContain("undefined").doesNotContain("NaN");
        browser.check(name);
    }

    /** Approved hours in two kinds of help and two wards, then a swim paid for at the till. */
    private void volunteeringAndASale() {
        String organisation = create("/v1/schemes/" + code + "/organisations", "name", "Southfield Lunch Club");
        create("/v1/schemes/" + code + "/categories", "code", "shopping", "name", "Shopping");
        JsonNode ada = member("Ada Lovelace", "Kentish Town");
        JsonNode bea = member("Bea Okafor", "Gospel Oak");
        approvedRegister(organisation, "gardening", 180, ada);
        approvedRegister(organisation, "shopping", 120, bea);
        Api.Reply sale = anonymous.withApiKey(frontDeskKey).post("/v1/redemptions", object("cardNumber", ada.get("cardNumber").asText(),
                "offerId", offer().get("id").asText(), "tillReference", "lane-1", "capture", true), "Idempotency-Key", newKey());
        expect(sale, 201);
    }

    private JsonNode member(String name, String ward) {
        Api.Reply registered = admin.post("/v1/schemes/" + code + "/members", object("displayName", name, "ward", ward));
        expect(registered, 201);
        return registered.json();
    }

    private void approvedRegister(String organisation, String category, int minutes, JsonNode member) {
        expect(admin.post("/v1/schemes/" + code + "/activities/register", object("organisationId", organisation,
                "categoryCode", category, "date", World.today(), "minutes", minutes,
                "memberIds", List.of(member.get("id").asText()), "approve", true), "Idempotency-Key", newKey()), 201);
    }

    private JsonNode offer() {
        return get("/v1/partners/" + partnerId + "/offers").get("items").get(0);
    }

    /** The drawing of the chart headed {@code heading}. */
    private WebElement chartOf(String heading) {
        return browser.driver.findElement(By.xpath("//figure[.//h3[normalize-space()=" + Browser.quote(heading) + "]]//*[local-name()='svg']"));
    }

    /** A table's rows, found by its caption, one line each with the cells separated by single spaces. */
    private String tableText(String caption) {
        WebElement table = browser.driver.findElement(By.xpath("//table[caption[starts-with(normalize-space(), "
                + Browser.quote(caption) + ")]]"));
        StringBuilder text = new StringBuilder();
        for (WebElement row : table.findElements(By.cssSelector("tbody tr"))) {
            text.append(row.findElements(By.cssSelector("th, td")).stream().map(WebElement::getText)
                    .reduce((a, b) -> a + " " + b).orElse("")).append('\n');
        }
        return text.toString();
    }

    /** The text of the n-th file the page saved. */
    private String saved(int n) {
        return (String) ((JavascriptExecutor) browser.driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; window.saved[arguments[0]].text().then(done);", n);
    }
}
