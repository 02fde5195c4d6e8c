package org.timeledger.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.console.MemberConsoleTests.spaced;
import static org.timeledger.testing.Api.object;

/** A venue's counter in the browser: start the till with its key, take credits for a swim, refuse, refund. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class TillConsoleTests extends ConsoleTest {
    private String partner;
    private String tillKey;
    private JsonNode cleo;
    private MemberLogin cleoLogin;
    private JsonNode dan;

    @BeforeAll
    void venue() {
        JsonNode scheme = createScheme("name", "Harbourside Timebank");
        String code = scheme.get("code").asText();
        partner = create("/v1/schemes/" + code + "/partners", "name", "Oasis Leisure Centre");
        create("/v1/partners/" + partner + "/offers", "title", "Swim session", "amountMinutes", 60);
        create("/v1/partners/" + partner + "/offers", "title", "Sauna", "amountMinutes", 30);
        tillKey = admin.post("/v1/partners/" + partner + "/api-keys", object("label", "Front desk")).field("key");
        cleoLogin = memberLogin(code, "Cleo Diaz");
        cleo = get("/v1/members/" + cleoLogin.memberId());
        dan = registerMember(code, "Dan Reyes");
        issue(scheme, cleo.get("accountId").asText(), 180);
    }

    @Test
    @Order(1)
    void startsATillWithItsKey() {
        browser.open("/").at("Sign in").press("Start a till with its till key").at("Start a till").check("till-sign-in");
        browser.type("Till key", tillKey).press("Start the till").at("Till");
        assertThat(browser.text()).contains("Oasis Leisure Centre", "Card number");
        browser.check("till");
    }

    @Test
    @Order(2)
    void takesCreditsForASwimSession() {
        browser.type("Card number", spaced(cleo.get("cardNumber").asText())).press("Look up the card");
        browser.waitForText("Card of Cleo");
        assertThat(browser.text()).contains("Cleo can spend 3 credits.", "Swim session · 1 credit", "Sauna · 30 min");
        browser.check("till-card").checkSmallAndLarge("till-card");
        browser.tick("Swim session · 1 credit").press("Take 1 credit");
        browser.waitForText("Receipt");
        assertThat(browser.text()).contains("1 credit taken", "Swim session", "Cleo", "web-till-", "Credits left to spend: 2 credits.");
        browser.check("till-receipt");
        assertThat(balance(cleo.get("accountId").asText())).isEqualTo(120);
        JsonNode sale = get("/v1/partners/" + partner + "/redemptions").get("items").get(0);
        assertThat(sale.get("status").asText()).isEqualTo("CAPTURED");
        assertThat(sale.get("capturedMinutes").asLong()).isEqualTo(60);
        assertThat(sale.get("tillReference").asText()).startsWith("web-till-");
        // the card number field is ready for the next card
        assertThat(browser.field("Card number").getAttribute("value")).isEmpty();
        browser.checkSmallAndLarge("till");
    }

    @Test
    @Order(3)
    void refusesAnUnknownCardInWords() {
        String card = cleo.get("cardNumber").asText();
        String mistyped = card.substring(0, 15) + (char) ('0' + (card.charAt(15) - '0' + 1) % 10);
        browser.type("Card number", spaced(mistyped)).press("Look up the card");
        assertThat(browser.message("No card has the number " + spaced(mistyped))).contains("Check the number");
        browser.check("till-unknown-card");
        browser.type("Card number", "4000 12").press("Look up the card");
        assertThat(browser.message("16 digits")).contains("check the number");
    }

    @Test
    @Order(4)
    void refusesACardWithoutEnoughCreditsInWords() {
        browser.type("Card number", dan.get("cardNumber").asText()).press("Look up the card");
        browser.waitForText("Card of Dan");
        browser.press("Take 1 credit");
        assertThat(browser.message("Not enough credits")).contains("only 0 credits can be spent now", "Nothing was taken");
        browser.check("till-not-enough");
        assertThat(get("/v1/partners/" + partner + "/redemptions").get("totals").get("count").asLong()).isEqualTo(1);
    }

    @Test
    @Order(5)
    void listsTodaysSalesAndGivesCreditsBack() {
        browser.press("Today's sales").at("Today's sales").waitForText("Swim session");
        assertThat(browser.text()).contains("Cleo", "Taken", "web-till-");
        browser.check("till-today");
        browser.driver.findElement(By.xpath("//button[starts-with(@aria-label, 'Refund Swim session for Cleo')]")).click();
        browser.type("Why are you giving it back?", "The pool was closed").press("Continue");
        browser.waitForText("Give back 1 credit to Cleo?").check("till-refund-confirm");
        browser.press("Yes, give back 1 credit");
        assertThat(browser.message("Given back: 1 credit to Cleo")).isNotEmpty();
        browser.waitForText("Given back in full");
        assertThat(balance(cleo.get("accountId").asText())).isEqualTo(180);
        JsonNode sale = get("/v1/partners/" + partner + "/redemptions").get("items").get(0);
        assertThat(sale.get("refundedMinutes").asLong()).isEqualTo(60);
        browser.check("till-refunded");
    }

    @Test
    @Order(6)
    void takesCreditsFromAFamilyMembersAccount() {
        expect(cleoLogin.api().post("/v1/me/beneficiaries", object("cardNumber", dan.get("cardNumber").asText())), 201);
        browser.press("Back to the till").at("Till");
        browser.type("Card number", dan.get("cardNumber").asText()).press("Look up the card");
        browser.waitForText("Whose credits?");
        assertThat(browser.text()).contains("Dan's own: 0 credits to spend", "Cleo lets Dan spend their credits.");
        browser.check("till-family-card");
        browser.tick("Cleo's: 3 credits to spend").tick("Sauna · 30 min").press("Take 30 min");
        browser.waitForText("Receipt");
        assertThat(browser.text()).contains("30 min taken", "Sauna", "Dan", "From the credits of", "Cleo");
        assertThat(balance(cleo.get("accountId").asText())).isEqualTo(150);
        signOut();
    }
}
