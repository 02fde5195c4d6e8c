package org.timeledger.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/**
 * Running a scheme day to day in the console, as a new coordinator or administrator tries it:
 * the grouped menu, a register refused then corrected, a new member's activation code kept out
 * of the address, editing a member, changing a rule, printing one card and a batch of cards, and
 * the refusals (a grant, a wrong till key, a refund after settlement, a gift) in words and hours.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ConsoleRunningTests extends ConsoleTest {
    private static final int NEW_MEMBERS = 12;
    private JsonNode scheme;
    private String code;
    private String administrator;
    private String partner;
    private String tillKey;
    private MemberLogin ada;
    private MemberLogin bea;
    private final List<String> newMembers = new ArrayList<>();

    @BeforeAll
    void scheme() {
        scheme = createScheme("name", "Riverside Timebank");
        code = scheme.get("code").asText();
        create("/v1/schemes/" + code + "/organisations", "name", "Riverside Community Centre");
        // the kind of help that needs vetting comes first in the list: the register must not choose it
        create("/v1/schemes/" + code + "/categories", "code", "befriending", "name", "Befriending", "requiresVetting", true);
        create("/v1/schemes/" + code + "/categories", "code", "gardening", "name", "Gardening");
        administrator = staffUser(code, "ADMIN");
        ada = memberLogin(code, "Ada Lovelace");
        bea = memberLogin(code, "Bea Okafor");
        for (int i = 1; i <= NEW_MEMBERS - 2; i++) {
            newMembers.add(registerMember(code, "Newcomer " + (char) ('A' + i - 1) + " Smith").get("id").asText());
        }
        partner = create("/v1/schemes/" + code + "/partners", "name", "Riverside Pool");
        create("/v1/partners/" + partner + "/offers", "title", "Swim session", "amountMinutes", 60);
        tillKey = admin.post("/v1/partners/" + partner + "/api-keys", object("label", "Front desk")).field("key");
        issue(scheme, ada.accountId(), 300);
        // an hour in the community pot, given by Ada
        expect(ada.api().post("/v1/me/donations", object("amountMinutes", 60, "toCommunityPot", true), "Idempotency-Key", newKey()), 201);
    }

    @Test
    @Order(1)
    void theAdministratorsMenuIsGroupedOnOneRowAt1280Pixels() {
        browser.size(Browser.DESKTOP);
        signIn(administrator, STAFF_PASSWORD, "Dashboard");
        List<WebElement> top = browser.driver.findElements(By.cssSelector("#nav > ul > li"));
        assertThat(top).as("Dashboard and the five groups").hasSize(6);
        assertThat(top.stream().map(li -> li.getRect().getY()).distinct().toList()).as("one row: every entry at the same height").hasSize(1);
        assertThat(browser.driver.findElement(By.id("nav")).getRect().getHeight()).as("the menu is one row high").isLessThan(60);
        assertThat(browser.driver.findElements(By.cssSelector("#nav .group-button")).stream().map(WebElement::getText).toList())
                .containsExactly("Day to day", "People", "Credits", "Scheme", "Checks");

        // with the keyboard: a group opens on Enter, shows its links, and closes on Escape
        WebElement people = browser.driver.findElement(By.xpath("//button[normalize-space()='People']"));
        people.sendKeys(Keys.ENTER);
        assertThat(people.getAttribute("aria-expanded")).isEqualTo("true");
        WebElement members = browser.driver.findElement(By.xpath("//nav//a[normalize-space()='Members']"));
        assertThat(members.isDisplayed()).isTrue();
        assertThat(browser.driver.findElement(By.xpath("//nav//a[normalize-space()='Print cards']")).isDisplayed()).isTrue();
        browser.check("menu-group-open");
        members.sendKeys(Keys.ESCAPE);
        assertThat(people.getAttribute("aria-expanded")).isEqualTo("false");
        assertThat(members.isDisplayed()).isFalse();
        assertThat(browser.driver.switchTo().activeElement().getText()).isEqualTo("People");
        browser.check("menu-grouped").checkSmallAndLarge("menu-grouped");
    }

    @Test
    @Order(2)
    void aRefusedRegisterCorrectedShowsOnlyItsSuccess() {
        browser.press("Register").at("Take a register");
        assertThat(new org.openqa.selenium.support.ui.Select(browser.field("Kind of help")).getFirstSelectedOption().getText())
                .as("the kind of help chosen at first needs no vetting").isEqualTo("Gardening");
        browser.choose("Kind of help", "Befriending").type("Hours", "2").tick("Ada Lovelace").tick("Approve these hours now (they earn credits at once)")
                .press("Save the register");
        String refused = browser.message("vetting");
        assertThat(refused).doesNotContain("Exception");
        browser.choose("Kind of help", "Gardening").press("Save the register");
        browser.message("Register saved and approved");
        assertThat(browser.driver.findElements(By.cssSelector("main .notice.error"))).as("the old refusal is gone").isEmpty();
        assertThat(browser.text()).doesNotContain(refused);
        browser.check("register-corrected");
    }

    @Test
    @Order(3)
    void aNewMembersActivationCodeNeverGoesIntoTheAddress() {
        browser.press("Members").at("Members");
        browser.script("window.addresses = [location.href]; window.addEventListener('hashchange', e => window.addresses.push(e.newURL));");
        browser.type("Name", "Eve Adams").type("Ward or area (optional)", "Riverside").press("Register the member").at("Eve Adams");
        String shown = browser.message("is registered");
        String activationCode = browser.driver.findElement(By.cssSelector("strong.code")).getText();
        assertThat(shown).contains(activationCode);
        @SuppressWarnings("unchecked")
        List<String> addresses = (List<String>) browser.script("return window.addresses.concat([location.href])");
        assertThat(addresses).hasSizeGreaterThan(1).allSatisfy(a -> assertThat(a).doesNotContain(activationCode).doesNotContain("code="));
        assertThat(browser.storage().values()).allSatisfy(v -> assertThat(String.valueOf(v)).doesNotContain(activationCode));
        newMembers.add(browser.driver.getCurrentUrl().replaceAll(".*[?&]id=([^&]+).*", "$1"));
        browser.check("member-registered");
    }

    @Test
    @Order(4)
    void anAdministratorEditsAMembersNameWardAndPhone() {
        browser.press("Edit details");
        browser.type("Name", "Eve Adams-Brown").type("Ward or area", "Harbour").type("Phone", "01632 960555").press("Save the details");
        browser.message("The details are saved");
        browser.at("Eve Adams-Brown");
        assertThat(browser.text()).contains("Harbour", "01632 960555");
        browser.check("member-edited");
        String id = newMembers.get(newMembers.size() - 1);
        JsonNode eve = get("/v1/members/" + id);
        assertThat(eve.get("displayName").asText()).isEqualTo("Eve Adams-Brown");
        assertThat(eve.get("ward").asText()).isEqualTo("Harbour");
        assertThat(eve.get("details").get("phone").asText()).isEqualTo("01632 960555");
    }

    @Test
    @Order(5)
    void printingAMembersPagePrintsTheCardAlone() {
        printMedia(true);
        try {
            assertThat(display("header.top")).isEqualTo("none");
            assertThat(display("main h1")).isEqualTo("none");
            assertThat(display("main .card-print")).isNotEqualTo("none");
            assertThat(display("main .card-section h2")).isEqualTo("none");
            @SuppressWarnings("unchecked")
            List<String> shown = (List<String>) browser.script("return [...document.querySelectorAll('main > *')]"
                    + ".filter(e => getComputedStyle(e).display !== 'none').map(e => e.className)");
            assertThat(shown).as("only the card's section prints").containsExactly("card-section printable");
            assertThat(browser.driver.findElement(By.cssSelector(".card-print")).getText()).contains("Eve Adams-Brown");
        } finally {
            printMedia(false);
        }
    }

    @Test
    @Order(6)
    void anAdministratorChangesARuleAndSeesItInTheHistory() {
        browser.press("Settings").at("Scheme settings");
        WebElement capHours = browser.driver.findElement(By.name("cap.hours"));
        capHours.clear();
        capHours.sendKeys("10");
        browser.press("Check the change");
        browser.waitForText("Change these rules?");
        assertThat(browser.text()).contains("from now on 10 hours");
        browser.press("Yes, change the rules");
        browser.message("The rules are changed.");
        assertThat(browser.driver.findElement(By.xpath("//table[caption[starts-with(normalize-space(), 'Changes to the rules')]]")).getText())
                .contains("Most time a member may log in a week", "No limit", "10 hours", administrator);
        assertThat(get("/v1/schemes/" + code).get("weeklyEarnCapMinutes").asInt()).isEqualTo(600);
        browser.check("settings-rule-changed");
    }

    @Test
    @Order(7)
    void aGrantBeyondThePotIsRefusedInHoursAndWords() {
        browser.press("Grant").at("Grant from the community pot");
        browser.choose("Member in need", "Bea Okafor").press("Make the grant");
        assertThat(browser.message("Enter how many credits to grant")).doesNotContain("amountMinutes");
        // the service's own refusal of an amount of nothing, through the console's error path
        Object words = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "import('/console/js/api.js').then(m => m.api('POST', '/v1/schemes/' + arguments[0] + '/grants',"
                + " { body: { memberId: arguments[1], amountMinutes: 0 }, move: true }))"
                + ".then(() => done('granted'), e => done(e.message + ' ' + e.next));", code, bea.memberId());
        assertThat(String.valueOf(words)).contains("The amount must be at least 1 minute", "hours, minutes or both")
                .doesNotContain("amountMinutes");
        browser.type("Hours", "100").press("Make the grant");
        String refused = browser.message("The community pot holds");
        assertThat(refused).contains("The community pot holds 1 hour; this grant needs 100 hours")
                .doesNotContain("minutes;").doesNotContain("6000").doesNotContain("amountMinutes");
        browser.check("grant-refused");
    }

    @Test
    @Order(8)
    void theReportsMonthlyChartShowsTheMonthsOfThePeriod() {
        LocalDate to = LocalDate.now();
        LocalDate from = to.minusMonths(2).withDayOfMonth(1);
        browser.open("/#/report?from=" + from + "&to=" + to).at("Report");
        DateTimeFormatter month = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK);
        String heading = "Hours volunteered each month, " + from.format(month) + " to " + to.format(month);
        browser.waitForText(heading);
        WebElement figure = browser.driver.findElement(By.xpath("//figure[.//h3[normalize-space()=" + Browser.quote(heading) + "]]"));
        assertThat(figure.findElements(By.cssSelector("tbody tr"))).as("one row for each month of the period").hasSize(3);

        LocalDate yearStart = LocalDate.of(to.getYear() - 1, 3, 1);
        browser.open("/#/report?from=" + yearStart + "&to=" + yearStart.plusMonths(1).withDayOfMonth(20)).at("Report");
        browser.waitForText("Hours volunteered each month, " + yearStart.format(month) + " to " + yearStart.plusMonths(1).format(month));
        browser.check("report-period-months");
    }

    @Test
    @Order(9)
    void printsABatchOfCardsTenToAnA4Sheet() {
        browser.press("Print cards").at("Print cards");
        browser.waitForText("Whose cards? (" + (NEW_MEMBERS + 1) + ")");
        browser.check("cards-choose");
        browser.press("Lay out the cards");
        browser.message((NEW_MEMBERS + 1) + " cards on 2 sheets");
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(15)).until(d ->
                Boolean.TRUE.equals(browser.script("return [...document.querySelectorAll('.cut-card img')].every(i => i.complete && i.naturalWidth > 0)")));
        assertThat(browser.driver.findElement(By.id("nav")).getRect().getHeight())
                .as("the menu stays one row on a long page too (beside a scroll bar)").isLessThan(60);
        browser.check("cards-laid-out");
        printMedia(true);
        try {
            assertThat(display("header.top")).isEqualTo("none");
            assertThat(display("main h1")).isEqualTo("none");
            assertThat(display("form[aria-label='Cards to print']")).isEqualTo("none");
            assertThat(display("main .sheets .notice")).isEqualTo("none");
            List<WebElement> sheets = browser.driver.findElements(By.cssSelector(".sheet"));
            assertThat(sheets).hasSize(2);
            assertThat(sheets.get(0).findElements(By.cssSelector(".cut-card"))).hasSize(10);
            assertThat(sheets.get(1).findElements(By.cssSelector(".cut-card"))).hasSize(NEW_MEMBERS + 1 - 10);
            @SuppressWarnings("unchecked")
            Map<String, Object> layout = (Map<String, Object>) browser.script("const s = getComputedStyle(document.querySelector('.sheet'));"
                    + "const c = document.querySelector('.cut-card').getBoundingClientRect();"
                    + "return {columns: s.gridTemplateColumns, breakAfter: s.breakAfter, width: c.width, height: c.height};");
            assertThat(String.valueOf(layout.get("columns")).split(" ")).as("two cards across").hasSize(2);
            assertThat(layout.get("breakAfter")).as("each sheet on a page of its own").isEqualTo("page");
            // a bank card: 85.6 × 54 mm, at 96 CSS pixels to the inch
            assertThat(((Number) layout.get("width")).doubleValue()).isCloseTo(85.6 / 25.4 * 96, org.assertj.core.data.Offset.offset(1.0));
            assertThat(((Number) layout.get("height")).doubleValue()).isCloseTo(54 / 25.4 * 96, org.assertj.core.data.Offset.offset(1.0));
            for (WebElement card : browser.driver.findElements(By.cssSelector(".cut-card"))) {
                String holder = card.findElement(By.cssSelector(".holder")).getText();
                String number = card.findElement(By.cssSelector(".number")).getText();
                assertThat(holder).isNotBlank();
                assertThat(number).matches("\\d{4} \\d{4} \\d{4} \\d{4}");
                assertThat(card.findElement(By.cssSelector("img.qr")).getAttribute("alt")).isEqualTo("QR code of card number " + number);
            }
            assertThat(browser.driver.findElements(By.cssSelector(".cut-card .holder")).stream().map(WebElement::getText).toList())
                    .contains("Ada Lovelace", "Bea Okafor", "Eve Adams-Brown", "Newcomer A Smith");
        } finally {
            printMedia(false);
        }
        signOut();
    }

    @Test
    @Order(10)
    void aWrongTillKeyIsSaidToBeNotAccepted() {
        browser.open("/#/till-sign-in").at("Start a till");
        browser.type("Till key", "tlk_not-a-real-key").press("Start the till");
        String refused = browser.message("That till key was not accepted");
        assertThat(refused).doesNotContain("sign-in has ended");
        browser.check("till-key-refused");
    }

    @Test
    @Order(11)
    void aRefundTheVenueCannotMakeIsRefusedWithoutAnAccountId() {
        browser.type("Till key", tillKey).press("Start the till").at("Till");
        browser.type("Card number", ada.cardNumber()).press("Look up the card");
        browser.waitForText("Card of Ada");
        browser.tick("Swim session · 1 credit").press("Take 1 credit");
        browser.waitForText("Receipt");
        // the venue's takings settled with the scheme: it holds nothing to give back
        expect(admin.post("/v1/partners/" + partner + "/settlements", object("upTo", Instant.now().toString()), "Idempotency-Key", newKey()), 201);
        browser.press("Today's sales").at("Today's sales").waitForText("Swim session");
        browser.driver.findElement(By.xpath("//button[starts-with(@aria-label, 'Refund Swim session for Ada')]")).click();
        browser.type("Why are you giving it back?", "The pool was closed").press("Continue");
        browser.press("Yes, give back 1 credit");
        String refused = browser.message("Your venue does not hold 1 credit");
        assertThat(refused).contains("scheme administrator").doesNotContain("acc_").doesNotContain("minutes");
        browser.check("till-refund-refused");
        browser.driver.manage().deleteAllCookies();
        browser.script("sessionStorage.clear()");
    }

    @Test
    @Order(12)
    void aMemberGivingIsToldOfAMistypedCardAndTooManyCreditsBeforeBeingAsked() {
        signIn(ada.username(), ada.password(), "My credits");
        browser.press("Give").at("Give credits");
        String card = bea.cardNumber();
        String mistyped = card.substring(0, 15) + (char) ('0' + (card.charAt(15) - '0' + 1) % 10);
        browser.type("Their card number", mistyped).type("How many credits?", "1").press("Continue");
        assertThat(browser.message("one of the digits may be wrong")).doesNotContain("toCardNumber");
        assertThat(browser.text()).doesNotContain("Yes, give");
        browser.type("Their card number", card).type("How many credits?", "50").press("Continue");
        assertThat(browser.message("Not enough credits")).contains("you can give up to 5 credits now");
        assertThat(browser.text()).doesNotContain("Yes, give");
        browser.check("give-refused-before-asking");
        String nobodys = withCheckDigit("400000000000000");
        browser.type("Their card number", nobodys).type("How many credits?", "1").press("Continue");
        assertThat(browser.message("No member of your scheme has that card number")).doesNotContain(nobodys);
        assertThat(browser.text()).doesNotContain("Yes, give");
        browser.type("Their card number", card).press("Continue");
        // whom the credits go to, by name, before the member says yes
        browser.waitForText("Give 1 credit to Bea (card " + card.replaceAll("(\\d{4})(?=\\d)", "$1 ") + ")?");
        browser.check("give-confirm-named");
        browser.press("Yes, give 1 credit");
        browser.message("You gave 1 credit");
        assertThat(balance(bea.accountId())).isEqualTo(60);

        // the member prints their own card: the card alone
        browser.press("My card").at("My card");
        printMedia(true);
        try {
            @SuppressWarnings("unchecked")
            List<String> shown = (List<String>) browser.script("return [...document.querySelectorAll('main > *')]"
                    + ".filter(e => getComputedStyle(e).display !== 'none').map(e => e.className)");
            assertThat(shown).containsExactly("member-card printable");
            assertThat(display("header.top")).isEqualTo("none");
        } finally {
            printMedia(false);
        }
        signOut();
    }

    /** A card number of nobody: 15 digits and the Luhn check digit that makes them a valid number. */
    static String withCheckDigit(String fifteen) {
        int sum = 0;
        boolean twice = true;
        for (int i = fifteen.length() - 1; i >= 0; i--) {
            int d = fifteen.charAt(i) - '0';
            if (twice) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            twice = !twice;
        }
        return fifteen + (10 - sum % 10) % 10;
    }

    private void printMedia(boolean print) {
        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", print ? "print" : ""));
    }

    private String display(String css) {
        return (String) browser.script("return getComputedStyle(document.querySelector(arguments[0])).display", css);
    }
}
