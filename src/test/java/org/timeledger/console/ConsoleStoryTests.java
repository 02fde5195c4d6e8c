package org.timeledger.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The story, start to finish in one browser, each person in turn: a coordinator
 * registers a member, takes a register and approves it; the member sets up their sign-in and
 * sees the credits; a venue's web till redeems a swim on the member's card; the auditor sees
 * the report and the books balanced. The administrator set the scheme up beforehand (the
 * administrators' pages have tests of their own).
 */
abstract class ConsoleStoryTests extends ConsoleTest {

    @Test
    void aCoordinatorAMemberAVenueAndAnAuditorEachDoTheirPart() {
        String code = createScheme("name", "Castlehaven Timebank").get("code").asText();
        String centre = create("/v1/schemes/" + code + "/organisations", "name", "Castlehaven Community Centre");
        create("/v1/schemes/" + code + "/categories", "code", "gardening", "name", "Gardening");
        String coordinator = staffUser(code, "COORDINATOR", centre);
        String auditor = staffUser(code, "AUDITOR");
        registerMember(code, "Bea Okafor");
        String oasis = create("/v1/schemes/" + code + "/partners", "name", "Oasis Leisure Centre");
        create("/v1/partners/" + oasis + "/offers", "title", "Swim session", "amountMinutes", 60);
        String tillKey = admin.post("/v1/partners/" + oasis + "/api-keys", org.timeledger.testing.Api.object("label", "Front desk")).field("key");

        // the coordinator registers Ada and reads her card and activation code off the screen
        signIn(coordinator, STAFF_PASSWORD, "Dashboard");
        browser.check("story-1-coordinator-dashboard");
        browser.press("Members").at("Members").type("Name", "Ada Lovelace").press("Register the member").at("Ada Lovelace");
        Matcher activation = Pattern.compile("activation code is ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})").matcher(browser.message("is registered"));
        assertThat(activation.find()).isTrue();
        String printedCard = browser.driver.findElement(By.cssSelector(".card-print .number")).getText();
        browser.check("story-2-member-card");

        // a two-hour gardening session: Ada and Bea came; one submit, then both approved
        browser.press("Register").at("Take a register").type("Hours", "2").tick("Ada Lovelace").tick("Bea Okafor");
        browser.check("story-3-register");
        browser.press("Save the register");
        assertThat(browser.message("Register saved")).contains("2 members, 4 hours in all");
        browser.press("Approvals").at("Approve hours").waitForText("Ada Lovelace");
        browser.press("Approve 2 hours for Ada Lovelace");
        browser.message("Ada Lovelace earned 2 credits");
        browser.press("Approve 2 hours for Bea Okafor");
        browser.message("Bea Okafor earned 2 credits");
        browser.check("story-4-approved");
        signOut();

        // Ada sets up her sign-in with the code and sees her two credits
        browser.press("set up your sign-in").at("Set up your sign-in")
                .type("Activation code", activation.group(1)).type("Choose a username", "ada-" + code)
                .type("Choose a password", "ada-password-1").press("Set up and sign in").at("My credits");
        browser.waitForText("2 credits");
        assertThat(browser.text()).contains("Hello, Ada.", "Earned by volunteering: Gardening");
        browser.check("story-5-member-credits");
        signOut();

        // the leisure centre's web till takes a swim off the card, typed as printed
        browser.press("Start a till with its till key").at("Start a till").type("Till key", tillKey)
                .press("Start the till").at("Till");
        browser.type("Card number", printedCard).press("Look up the card").waitForText("Card of Ada");
        browser.tick("Swim session · 1 credit").press("Take 1 credit").waitForText("Receipt");
        assertThat(browser.text()).contains("1 credit taken", "Swim session", "Credits left to spend: 1 credit.");
        browser.check("story-6-till-receipt");
        signOut();

        // the auditor: the report counts the hours and the swim, and the books balance
        signIn(auditor, STAFF_PASSWORD, "Report");
        browser.waitForText("Credits issued, redeemed and outstanding");
        assertThat(browser.text()).contains("4 hours\nvolunteered", "1 credit\nredeemed: spent at partner venues");
        browser.check("story-7-auditor-report");
        browser.press("Check the books").at("Check the books");
        assertThat(browser.driver.findElement(By.cssSelector(".verdict")).getText()).isEqualTo("The books balance.");
        browser.check("story-8-books-balance");
        signOut();

        // and the service agrees with what the screens said
        JsonNode ada = get("/v1/schemes/" + code + "/members").get("items").findParents("displayName").stream()
                .filter(m -> m.get("displayName").asText().equals("Ada Lovelace")).findFirst().orElseThrow();
        assertThat(MemberConsoleTests.spaced(ada.get("cardNumber").asText())).isEqualTo(printedCard);
        assertThat(balance(ada.get("accountId").asText())).isEqualTo(60);
        assertThat(reconcile(code).get("balanced").asBoolean()).isTrue();
    }
}
