package org.timeledger.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.console.MemberConsoleTests.spaced;

/**
 * Members trading hours in the console: Ada pays Bea for help she had; Bea asks Ada to pay,
 * Ada confirms one request (the question names Bea and the hours) and declines another with a
 * reason; Bea offers help, Cal answers, a coordinator matches them and records an exchange for
 * two members; an administrator changes how far Ada may owe. Balances are checked through the API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class TimebankConsoleTests extends ConsoleTest {
    private String code;
    private String coordinator;
    private String administrator;
    private MemberLogin ada;
    private MemberLogin bea;
    private MemberLogin cal;

    @BeforeAll
    void scheme() {
        // members may owe up to 10 hours; an administrator may let one owe up to 30
        JsonNode scheme = createScheme("name", "Castlehaven Timebank", "memberFloorMinutes", -600, "lowestMemberFloorMinutes", -1800);
        code = scheme.get("code").asText();
        String organisation = create("/v1/schemes/" + code + "/organisations", "name", "Castlehaven Community Centre");
        create("/v1/schemes/" + code + "/categories", "code", "shopping", "name", "Shopping");
        create("/v1/schemes/" + code + "/categories", "code", "gardening", "name", "Gardening");
        coordinator = staffUser(code, "COORDINATOR", organisation);
        administrator = staffUser(code, "ADMIN");
        ada = memberLogin(code, "Ada Lovelace");
        bea = memberLogin(code, "Bea Smith");
        cal = memberLogin(code, "Cal Jones");
    }

    @Test
    @Order(1)
    void aMemberPaysForHelpTheyHadAndTheBalancesChange() {
        signInAfresh(ada.username(), ada.password(), "My credits");
        browser.open("/#/exchanges").at("Exchanges").waitForText("Nothing to answer");
        browser.check("timebank-member-exchanges-empty");
        browser.press("Pay for help you had").at("Pay for help you had").check("timebank-pay-for-help");
        browser.type("Their card number", spaced(bea.cardNumber())).choose("Kind of help", "Shopping").type("Hours", "1")
                .type("What they did", "Shopping at the market").press("Continue");
        browser.waitForText("Pay 1 hour to the member with card " + spaced(bea.cardNumber()) + ", for Shopping on " + today() + "?");
        browser.check("timebank-pay-for-help-confirm");
        browser.press("Yes, pay 1 hour");
        assertThat(browser.message("You paid Bea Smith 1 hour for Shopping")).contains("You have −1 credit now");
        browser.waitForText("You can pay up to 9 hours now.");
        assertThat(balance(ada.accountId())).isEqualTo(-60);
        assertThat(balance(bea.accountId())).isEqualTo(60);
    }

    @Test
    @Order(2)
    void payingBeyondTheirLimitIsRefusedInWords() {
        browser.type("Their card number", bea.cardNumber()).choose("Kind of help", "Shopping").type("Hours", "10")
                .type("What they did", "A week of shopping").press("Continue");
        browser.press("Yes, pay 10 hours");
        // owing 1 hour of the 10 the scheme allows: 9 hours left
        assertThat(browser.message("Not enough credits")).contains("you can pay up to 9 hours now", "Choose a shorter time")
                .doesNotContain("minutes", "Exception");
        browser.check("timebank-pay-refused");
        browser.press("Go back and change it");
        assertThat(balance(ada.accountId())).isEqualTo(-60);
        assertThat(balance(bea.accountId())).isEqualTo(60);
    }

    @Test
    @Order(3)
    void aRetryAfterTheConnectionDroppedSendsTheSameKeyAndPaysOnce() {
        // the next four tries of the payment never reach the service, as on a dropped connection
        browser.script("window.keysSent = []; let failing = 4; const real = window.fetch;"
                + "window.fetch = (url, options) => {"
                + "  if (String(url).endsWith('/v1/me/exchanges') && options.method === 'POST') {"
                + "    window.keysSent.push(options.headers['Idempotency-Key']);"
                + "    if (failing-- > 0) return Promise.reject(new TypeError('offline'));"
                + "  }"
                + "  return real(url, options); };");
        browser.type("Hours", "").type("Minutes", "30").type("What they did", "Carried the bags").press("Continue");
        browser.press("Yes, pay 30 minutes");
        assertThat(browser.message("The service could not be reached")).contains("Nothing was sent twice");
        assertThat(balance(ada.accountId())).isEqualTo(-60);
        browser.press("Yes, pay 30 minutes");
        browser.message("You paid Bea Smith 30 minutes for Shopping");
        @SuppressWarnings("unchecked")
        List<String> keys = new ArrayList<>((List<String>) browser.script("return window.keysSent"));
        assertThat(keys).hasSize(5);
        assertThat(keys.stream().distinct()).hasSize(1);
        assertThat(balance(ada.accountId())).isEqualTo(-90);
        assertThat(balance(bea.accountId())).isEqualTo(90);
        signOut();
    }

    @Test
    @Order(4)
    void aHelperAsksToBePaidTwice() {
        signInAfresh(bea.username(), bea.password(), "My credits");
        browser.press("Exchanges").at("Exchanges").waitForText("You helped Ada Lovelace: Shopping");
        browser.press("Ask to be paid for your help").at("Ask to be paid for your help").check("timebank-ask-to-be-paid");
        browser.type("Their card number", spaced(ada.cardNumber())).choose("Kind of help", "Shopping").type("Hours", "1")
                .type("Minutes", "30").type("What you did", "Lift to the GP").press("Ask to be paid");
        assertThat(browser.message("You asked Ada Lovelace to pay you 1 hour 30 minutes for Shopping")).contains("They see it when they sign in");
        browser.type("Their card number", ada.cardNumber()).choose("Kind of help", "Gardening").type("Hours", "2")
                .type("What you did", "Weeding").press("Ask to be paid");
        browser.message("You asked Ada Lovelace to pay you 2 hours for Gardening");
        browser.press("See your requests").at("Exchanges").waitForText("You asked Ada Lovelace to pay 2 hours for Gardening");
        assertThat(browser.text()).contains("Waiting for their answer");
        browser.check("timebank-member-exchanges-outgoing");
        signOut();
    }

    @Test
    @Order(5)
    void thePayerConfirmsOneNamingTheHelperAndTheHoursAndDeclinesTheOther() {
        signInAfresh(ada.username(), ada.password(), "My credits");
        browser.press("Exchanges").at("Exchanges").waitForText("Waiting for your answer (2)");
        assertThat(browser.text()).contains("Bea Smith asks you to pay 1 hour 30 minutes for Shopping: Lift to the GP",
                "Bea Smith asks you to pay 2 hours for Gardening: Weeding");
        browser.check("timebank-member-exchanges-incoming").checkSmallAndLarge("timebank-member-exchanges-incoming");

        browser.press("Pay Bea Smith 1 hour 30 minutes for Shopping on " + today());
        browser.waitForText("Pay Bea Smith 1 hour 30 minutes for Shopping on " + today() + "?");
        browser.check("timebank-confirm-request");
        browser.press("Yes, pay Bea 1 hour 30 minutes");
        assertThat(browser.message("You paid Bea Smith 1 hour 30 minutes for Shopping")).contains("You have −3 credits now");
        assertThat(balance(ada.accountId())).isEqualTo(-180);
        assertThat(balance(bea.accountId())).isEqualTo(180);

        browser.press("Decline to pay Bea Smith 2 hours for Gardening on " + today())
                .type("Why are you declining?", "It was one hour, not two").press("Decline the request");
        browser.message("You declined to pay Bea Smith 2 hours for Gardening");
        assertThat(browser.text()).contains("Nothing to answer", "Bea Smith helped you: Shopping, Lift to the GP", "1 hour 30 minutes paid");
        assertThat(balance(ada.accountId())).isEqualTo(-180);
        JsonNode asked = bea.api().get("/v1/me/payment-requests?direction=outgoing").json().get("items");
        assertThat(asked.findValuesAsText("status")).containsExactlyInAnyOrder("CONFIRMED", "DECLINED");
        assertThat(asked.findValuesAsText("declineReason")).containsExactly("It was one hour, not two");
        signOut();
    }

    @Test
    @Order(8)
    void aMemberPostsAnOfferAndSeesTheDeclinedRequestsReason() {
        signInAfresh(bea.username(), bea.password(), "My credits");
        browser.press("Exchanges").at("Exchanges").waitForText("Declined: It was one hour, not two");
        browser.press("Offers and requests").at("Offers and requests").check("timebank-offers-member");
        browser.press("Post an offer or request").at("Post an offer or request").check("timebank-new-offer");
        browser.choose("Kind of help", "Gardening").type("A short title", "Help with your garden")
                .type("More about it", "Weeding, mowing and hedges, on weekday mornings.").press("Post it");
        browser.at("Offers and requests");
        assertThat(browser.message("Your offer \"Help with your garden\" is posted")).contains("Members of your scheme can see it");
        assertThat(browser.text()).contains("Your offers and requests", "No answers yet.");
        signOut();
    }

    @Test
    @Order(9)
    void anotherMemberFindsTheOfferAndAnswersIt() {
        signInAfresh(cal.username(), cal.password(), "My credits");
        browser.press("Offers and requests").at("Offers and requests").waitForText("Help with your garden");
        assertThat(browser.text()).contains("Offer of help · Gardening · Bea").doesNotContain("Bea Smith");
        browser.choose("Offers or requests", "Requests for help").press("Search");
        browser.waitForText("Nothing matches your search");
        browser.choose("Offers or requests", "Offers of help").type("Words to look for", "garden").press("Search");
        browser.waitForText("1 found for your search.");
        browser.press("I would like this: Help with your garden").type("Your message to Bea", "My hedge needs cutting, any Tuesday.")
                .press("Send my message");
        assertThat(browser.message("Your message is sent to Bea")).contains("will be in touch");
        browser.check("timebank-offers-answered").checkSmallAndLarge("timebank-offers-answered");
        signOut();
    }

    @Test
    @Order(10)
    void aCoordinatorSeesTheAnswerAndMatches() {
        signInAfresh(coordinator, STAFF_PASSWORD, "Dashboard");
        browser.press("Offers and requests").at("Offers and requests").waitForText("Help with your garden");
        assertThat(browser.text()).contains("Bea Smith");
        browser.press("Responses to Help with your garden").waitForText("My hedge needs cutting, any Tuesday.");
        browser.check("timebank-offers-responses");
        browser.press("Match Cal Jones to have this");
        assertThat(browser.message("Matched Cal Jones with Bea Smith")).contains("Help with your garden", "Let them both know");
    }

    @Test
    @Order(6)
    void aCoordinatorRecordsAnExchangeForTwoMembers() {
        signInAfresh(coordinator, STAFF_PASSWORD, "Dashboard");
        browser.press("Exchanges").at("Exchanges").waitForText("Lift to the GP");
        browser.check("timebank-scheme-exchanges");
        browser.choose("Who had the help (and pays)", "Cal Jones").choose("Who helped (and is paid)", "Bea Smith")
                .choose("Kind of help", "Gardening").type("Hours", "2").type("What was done", "Hedge cut").press("Continue");
        browser.waitForText("Record that Cal Jones pays Bea Smith 2 hours for Gardening on " + today() + "?");
        browser.check("timebank-record-exchange-confirm");
        browser.press("Yes, record it");
        browser.message("Recorded: Cal Jones paid Bea Smith 2 hours for Gardening");
        assertThat(browser.driver.findElement(By.cssSelector("table")).getText()).contains("Cal Jones Bea Smith 2 hours Gardening Hedge cut");
        assertThat(balance(cal.accountId())).isEqualTo(-120);
        assertThat(balance(bea.accountId())).isEqualTo(300);

        // the same two again is a rule the page names in words: no one exchanges with themselves
        browser.choose("Who had the help (and pays)", "Cal Jones").choose("Who helped (and is paid)", "Cal Jones")
                .type("Hours", "1").type("What was done", "Nothing").press("Continue").press("Yes, record it");
        assertThat(browser.message("two different members")).doesNotContain("Exception", "not_with_yourself");
        browser.check("timebank-record-exchange-refused");
        assertThat(balance(cal.accountId())).isEqualTo(-120);
        signOut();
    }

    @Test
    @Order(7)
    void anAdministratorLetsAMemberOweMoreAndSeesItInTheHistory() {
        signInAfresh(administrator, STAFF_PASSWORD, "Dashboard");
        browser.press("Members").at("Members").press("Ada Lovelace").at("Ada Lovelace");
        browser.press("How far they may owe").at("How far Ada Lovelace may owe");
        assertThat(browser.text()).contains("Ada may owe up to 10 hours", "Never changed");
        browser.check("timebank-limit");
        browser.type("Hours", "20").type("Why", "Trusted member for two years").press("Change the limit");
        assertThat(browser.message("Ada Lovelace may owe up to 20 hours")).contains("history");
        assertThat(browser.driver.findElement(By.cssSelector("table")).getText())
                .contains("may owe up to 10 hours may owe up to 20 hours Trusted member for two years " + administrator);
        browser.check("timebank-limit-changed");
        assertThat(get("/v1/members/" + ada.memberId() + "/limits").get("floorMinutes").asLong()).isEqualTo(-1200);

        // beyond the scheme's bound of 30 hours: refused in words
        browser.type("Hours", "40").type("Why", "Too far").press("Change the limit");
        assertThat(browser.message("Choose a limit within what the scheme allows"))
                .contains("a member may owe at most 30 hours: 40 hours is more").doesNotContain("Exception", "2400", "1800");
        browser.check("timebank-limit-refused");
        assertThat(get("/v1/members/" + ada.memberId() + "/limits").get("floorMinutes").asLong()).isEqualTo(-1200);
        signOut();
    }

    private void signInAfresh(String username, String password, String firstPage) {
        // another address than the sign-in page's, so that opening that one loads the page afresh
        browser.open("/?afresh");
        browser.script("sessionStorage.clear()");
        signIn(username, password, firstPage);
    }

    /** Today as the page words it: "2 December". */
    private String today() {
        return (String) browser.script("return new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long' })");
    }
}
