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
import org.timeledger.testing.World;

import static org.assertj.core.api.Assertions.assertThat;

/** A coordinator's week in the console: register and card a member, a register, approvals, vetting, a grant. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class CoordinatorConsoleTests extends ConsoleTest {
    private String code;
    private String coordinator;

    @BeforeAll
    void scheme() {
        JsonNode scheme = createScheme("name", "Castlehaven Timebank");
        code = scheme.get("code").asText();
        String organisation = create("/v1/schemes/" + code + "/organisations", "name", "Castlehaven Community Centre");
        create("/v1/schemes/" + code + "/categories", "code", "gardening", "name", "Gardening");
        create("/v1/schemes/" + code + "/categories", "code", "care", "name", "Visiting older people", "requiresVetting", true);
        coordinator = staffUser(code, "COORDINATOR", organisation);
        registerMember(code, "Bea Okafor");
    }

    @Test
    @Order(1)
    void theServiceAddressShowsTheSignInPage() {
        browser.open("/").at("Sign in").check("sign-in");
        browser.type("Username", coordinator).type("Password", "not the password").press("Sign in");
        assertThat(browser.message("Wrong username or password")).contains("forgotten your password");
        browser.check("sign-in-refused");
    }

    @Test
    @Order(2)
    void aCoordinatorSignsInWithTheKeyboardAlone() {
        browser.open("/").at("Sign in");
        WebElement focused = browser.driver.switchTo().activeElement();
        // Tab from the top of the page: the skip link, then the form's fields in order
        for (int i = 0; i < 8 && !"Username".equals(labelOf(focused)); i++) {
            focused.sendKeys(Keys.TAB);
            focused = browser.driver.switchTo().activeElement();
        }
        assertThat(labelOf(focused)).isEqualTo("Username");
        focused.sendKeys(coordinator, Keys.TAB);
        browser.driver.switchTo().activeElement().sendKeys(STAFF_PASSWORD, Keys.ENTER);
        browser.at("Dashboard").check("coordinator-dashboard").checkSmallAndLarge("coordinator-dashboard");
        assertThat(browser.text()).contains("hours waiting for approval", "volunteered this month");
    }

    @Test
    @Order(3)
    void registersAMemberAndPrintsTheirCard() {
        browser.press("Members").at("Members").check("members");
        browser.type("Name", "Ada Lovelace").type("Ward or area (optional)", "Kentish Town").press("Register the member");
        browser.at("Ada Lovelace");
        assertThat(browser.message("is registered")).containsPattern("activation code is [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");
        WebElement qr = browser.driver.findElement(By.cssSelector(".card-print img.qr"));
        browser.waitForText("Print the card");
        assertThat(qr.getAttribute("alt")).startsWith("QR code of card number ");
        assertThat((Boolean) browser.script("return arguments[0].complete && arguments[0].naturalWidth > 0", qr)).isTrue();
        assertThat(browser.driver.findElement(By.cssSelector(".card-print .number")).getText()).matches("\\d{4} \\d{4} \\d{4} \\d{4}");
        browser.check("member-card");
    }

    @Test
    @Order(4)
    void takesARegisterForASession() {
        browser.press("Register").at("Take a register");
        browser.choose("Kind of help", "Gardening");
        browser.type("Hours", "2");
        browser.type("Session name or what was done (optional)", "Community garden");
        browser.tick("Ada Lovelace · Kentish Town").tick("Bea Okafor");
        browser.check("register").checkSmallAndLarge("register");
        browser.press("Save the register");
        assertThat(browser.message("Register saved")).contains("2 members, 4 hours in all");
    }

    @Test
    @Order(5)
    void approvesTheHours() {
        browser.press("Approvals").at("Approve hours").waitForText("Ada Lovelace").check("approvals");
        assertThat(browser.text()).contains("Gardening").doesNotContain("null");
        browser.press("Approve 2 hours for Ada Lovelace");
        assertThat(browser.message("Approved")).contains("Ada Lovelace earned 2 credits");
        browser.press("Reject the hours of Bea Okafor").type("Why are these hours rejected?", "Was not at the session")
                .press("Reject these hours");
        assertThat(browser.message("Rejected")).contains("Bea Okafor");
        JsonNode activities = get("/v1/schemes/" + code + "/activities");
        assertThat(activities.get("items").findValuesAsText("status")).containsExactlyInAnyOrder("APPROVED", "REJECTED");
    }

    @Test
    @Order(6)
    void logsOnePersonsHoursAndSeesTheRulesInWords() {
        browser.press("Log hours").at("Log volunteering").check("log-activity");
        browser.choose("Member", "Ada Lovelace").choose("Kind of help", "Visiting older people").type("Hours", "1")
                .press("Log the hours");
        String refusal = browser.message("vetting");
        assertThat(refusal).doesNotContain("Exception").contains("Change the details");
        browser.check("log-activity-refused");
        browser.choose("Kind of help", "Gardening").press("Log the hours");
        assertThat(browser.message("Logged 1 hour for Ada Lovelace")).contains("once approved");
    }

    @Test
    @Order(7)
    void recordsVettingAndSeesTheMembersCredits() {
        browser.press("Members").at("Members").type("Find a member", "Ada");
        browser.press("Ada Lovelace").at("Ada Lovelace").waitForText("2 credits");
        browser.press("Record vetting");
        assertThat(browser.message("Vetting recorded")).contains("Ada Lovelace");
        JsonNode member = firstMember("Ada Lovelace");
        assertThat(get("/v1/members/" + member.get("id").asText() + "/vetting").get("status").asText()).isEqualTo("CLEARED");
    }

    @Test
    @Order(8)
    void grantsFromTheCommunityPot() {
        browser.press("Grant").at("Grant from the community pot").check("grant");
        browser.choose("Member in need", "Bea Okafor").type("Hours", "1").press("Make the grant");
        // the pot is empty: the refusal says how much it holds, and what to do
        assertThat(browser.message("pot")).contains("Choose a smaller amount");
        signOut();
    }

    private JsonNode firstMember(String name) {
        for (JsonNode m : get("/v1/schemes/" + code + "/members").get("items")) {
            if (m.get("displayName").asText().equals(name)) {
                return m;
            }
        }
        throw new AssertionError("no member " + name);
    }

    private String labelOf(WebElement element) {
        String id = element.getAttribute("id");
        if (id == null || id.isEmpty()) {
            return null;
        }
        var labels = browser.driver.findElements(By.cssSelector("label[for='" + id + "']"));
        return labels.isEmpty() ? null : labels.get(0).getText();
    }

    static String today() {
        return World.today();
    }
}
