package org.timeledger.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.timeledger.testing.Api;
import org.timeledger.testing.World;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/** A member's console on their phone: set up a sign-in, see credits, give, spend, show the card, name family. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class MemberConsoleTests extends ConsoleTest {
    private static final String PASSWORD = "a long member password";
    private JsonNode scheme;
    private String code;
    private String organisation;
    private JsonNode ada;
    private JsonNode ben;

    @BeforeAll
    void scheme() {
        scheme = createScheme("name", "Riverside Timebank");
        code = scheme.get("code").asText();
        organisation = create("/v1/schemes/" + code + "/organisations", "name", "Riverside Food Bank");
        create("/v1/schemes/" + code + "/categories", "code", "gardening", "name", "Gardening");
        String partner = create("/v1/schemes/" + code + "/partners", "name", "Oasis Leisure Centre", "ward", "Riverside");
        create("/v1/partners/" + partner + "/offers", "title", "Swim session", "amountMinutes", 60);
        ada = registerMember(code, "Ada Byron");
        ben = registerMember(code, "Ben Okafor");
    }

    @Test
    @Order(1)
    void setsUpTheirSignInWithTheActivationCode() {
        browser.open("/").at("Sign in").press("set up your sign-in").at("Set up your sign-in").check("member-activate");
        browser.type("Activation code", ada.get("activationCode").asText())
                .type("Choose a username", "ada-byron").type("Choose a password", PASSWORD)
                .press("Set up and sign in").at("My credits");
        assertThat(browser.text()).contains("Hello, Ada.", "0 credits", "Nothing yet.");
    }

    @Test
    @Order(2)
    void seesTheirBalanceAndStatementInWords() {
        // more lines than one page of the statement: the rest come with "Show more"
        for (int i = 0; i < 24; i++) {
            issue(scheme, accountOf(ada), 15);
        }
        String activity = logAndApprove(ada, 120);
        assertThat(activity).isNotBlank();
        browser.driver.navigate().refresh();
        browser.at("My credits").waitForText("8 credits");
        assertThat(browser.text()).contains("You can spend now", "Set aside at a venue", "Earned by volunteering: Gardening",
                "2 credits in", "Added by your scheme", "Approved: you earned 2 credits");
        assertThat(lines("ul.lines[aria-labelledby='statement-h'] li")).isEqualTo(20);
        browser.check("member-credits").checkSmallAndLarge("member-credits");
        browser.press("Show more");
        browser.waitForText("Then you had 15 min");
        assertThat(lines("ul.lines[aria-labelledby='statement-h'] li")).isEqualTo(25);
        assertThat(browser.driver.findElements(By.xpath("//button[normalize-space()='Show more']")).get(0).isDisplayed()).isFalse();
    }

    @Test
    @Order(3)
    void givesCreditsToAnotherMemberByCardNumber() {
        browser.press("Give").at("Give credits").check("member-give");
        browser.type("Their card number", spaced(ben.get("cardNumber").asText())).type("How many credits?", "2")
                .type("A note with it (optional)", "Thank you for the lift").press("Continue");
        // the holder's name is shown before the member says yes
        browser.waitForText("Give 2 credits to Ben (card " + spaced(ben.get("cardNumber").asText()) + ")?").check("member-give-confirm");
        browser.press("Yes, give 2 credits");
        assertThat(browser.message("You gave 2 credits")).contains("You can spend 6 credits now");
        assertThat(balance(accountOf(ben))).isEqualTo(120);
        assertThat(balance(accountOf(ada))).isEqualTo(360);
    }

    @Test
    @Order(4)
    void aGiftBeyondTheirCreditsIsRefusedInWords() {
        browser.type("Their card number", ben.get("cardNumber").asText()).type("How many credits?", "100").press("Continue");
        // refused before the question is asked, not after "Yes, give"
        assertThat(browser.message("Not enough credits")).contains("you can give up to 6 credits now", "Choose a smaller amount");
        assertThat(browser.text()).doesNotContain("Yes, give");
        browser.check("member-give-refused");
        assertThat(balance(accountOf(ben))).isEqualTo(120);
    }

    @Test
    @Order(5)
    void donatesToTheCommunityPot() {
        browser.tick("The community pot").type("How many credits?", "1").press("Continue");
        browser.waitForText("Give 1 credit to the community pot?");
        browser.press("Yes, give 1 credit");
        assertThat(browser.message("You gave 1 credit to the community pot")).contains("You can spend 5 credits now");
        assertThat(balance(scheme.get("communityPotAccountId").asText())).isEqualTo(60);
        assertThat(browser.text()).contains("Riverside Food Bank");
    }

    @Test
    @Order(6)
    void seesWhereToSpendCredits() {
        browser.press("Spend").at("Where to spend credits").waitForText("Swim session");
        assertThat(browser.text()).contains("You can spend 5 credits now", "Oasis Leisure Centre", "Riverside", "1 credit");
        browser.check("member-spend");
    }

    @Test
    @Order(7)
    void showsTheirCardAndReplacesALostOne() {
        browser.press("My card").at("My card").waitForText("Show this at the venue");
        WebElement qr = browser.driver.findElement(By.cssSelector(".member-card img.qr.large"));
        assertThat(qr.getAttribute("alt")).isEqualTo("QR code of your card number " + spaced(ada.get("cardNumber").asText()));
        assertThat((Boolean) browser.script("return arguments[0].complete && arguments[0].naturalWidth > 0", qr)).isTrue();
        assertThat(browser.driver.findElement(By.cssSelector(".card-digits")).getText()).contains(spaced(ada.get("cardNumber").asText()));
        browser.check("member-card").checkSmallAndLarge("member-card");

        browser.press("My card is lost or stolen").waitForText("Replace your card?");
        browser.check("member-card-replace");
        browser.press("Yes, replace my card");
        String replaced = browser.message("Your new card number is");
        String newCard = get("/v1/members/" + ada.get("id").asText()).get("cardNumber").asText();
        assertThat(newCard).isNotEqualTo(ada.get("cardNumber").asText());
        assertThat(replaced).contains(spaced(newCard), "Your old card no longer works");
        WebElement newQr = browser.driver.findElement(By.cssSelector(".member-card img.qr.large"));
        assertThat(newQr.getAttribute("alt")).endsWith(spaced(newCard));
    }

    @Test
    @Order(8)
    void namesAndStopsAFamilyMemberWhoMaySpendTheirCredits() {
        Api asAda = anonymous.login("ada-byron", PASSWORD);
        browser.press("Family").at("Family who may spend my credits").check("member-family");
        browser.type("Their card number", spaced(ben.get("cardNumber").asText())).press("Let them spend my credits");
        assertThat(browser.message("Ben may now spend your credits")).contains("their own card");
        assertThat(asAda.get("/v1/me/beneficiaries").json().get("items").findValuesAsText("firstName")).containsExactly("Ben");
        browser.check("member-family-named");

        browser.press("Stop Ben spending your credits");
        browser.message("Ben can no longer spend your credits");
        assertThat(asAda.get("/v1/me/beneficiaries").json().get("items")).isEmpty();
        assertThat(browser.text()).contains("No one yet.");

        browser.type("Their card number", "1234 5678 9012 3456").press("Let them spend my credits");
        assertThat(browser.message("not a card number")).contains("Check the 16 digits");
        signOut();
    }

    private String logAndApprove(JsonNode member, long minutes) {
        Api.Reply logged = admin.post("/v1/schemes/" + code + "/activities", object("memberId", member.get("id").asText(),
                "organisationId", organisation, "date", World.today(), "minutes", minutes, "categoryCode", "gardening"),
                "Idempotency-Key", newKey());
        expect(logged, 201);
        expect(admin.post("/v1/activities/" + logged.field("id") + "/approval", null, "Idempotency-Key", newKey()), 200);
        return logged.field("id");
    }

    private static String accountOf(JsonNode member) {
        return member.get("accountId").asText();
    }

    private int lines(String css) {
        return browser.driver.findElements(By.cssSelector(css)).size();
    }

    /** As printed on the card: groups of four digits. */
    static String spaced(String cardNumber) {
        return cardNumber.replaceAll("(\\d{4})(?=\\d)", "$1 ");
    }
}
