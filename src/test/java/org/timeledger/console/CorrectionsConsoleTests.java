package org.timeledger.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.timeledger.testing.Api;
import org.timeledger.testing.World;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/**
 * Putting mistakes right in the console: an administrator undoes an approval (the member's
 * balance drops and the hours show as reversed), reverses an entry with a reason, erases a
 * member after a confirmation that says what happens to the balance, and allocates hours to an
 * organisation; a coordinator sets up an opportunity, a member signs up from a phone, and the
 * coordinator takes attendance, which earns the member the hours. Checked through the API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class CorrectionsConsoleTests extends ConsoleTest {
    private JsonNode scheme;
    private String code;
    private String organisation;
    private String administrator;
    private String coordinator;
    private MemberLogin ada;
    private JsonNode bea;
    private MemberLogin cal;
    private String activity;
    private MemberLogin dan;

    @BeforeAll
    void scheme() {
        scheme = createScheme("name", "Castlehaven Timebank");
        code = scheme.get("code").asText();
        organisation = create("/v1/schemes/" + code + "/organisations", "name", "Castlehaven Community Centre");
        create("/v1/schemes/" + code + "/categories", "code", "gardening", "name", "Gardening");
        administrator = staffUser(code, "ADMIN");
        coordinator = staffUser(code, "COORDINATOR", organisation);
        ada = memberLogin(code, "Ada Lovelace");
        bea = registerMember(code, "Bea Okafor");
        cal = memberLogin(code, "Cal Jones");

        // Ada: 2 opening hours, and 3 hours of gardening approved by mistake
        expect(admin.post("/v1/schemes/" + code + "/transfers", object("fromAccountId", scheme.get("issuanceAccountId").asText(),
                "toAccountId", ada.accountId(), "amountMinutes", 120, "type", "ADJUSTMENT", "memo", "Opening credits"),
                "Idempotency-Key", newKey()), 201);
        Api.Reply logged = admin.post("/v1/schemes/" + code + "/activities", object("memberId", ada.memberId(), "organisationId", organisation,
                "categoryCode", "gardening", "date", World.today(), "minutes", 180, "description", "Weeding the community garden"),
                "Idempotency-Key", newKey());
        expect(logged, 201);
        activity = logged.field("id");
        expect(admin.post("/v1/activities/" + activity + "/approval", null, "Idempotency-Key", newKey()), 200);
        issue(scheme, bea.get("accountId").asText(), 240);

        // Dan: an hour approved, then given to the community pot
        dan = memberLogin(code, "Dan Brown");
        Api.Reply danLogged = admin.post("/v1/schemes/" + code + "/activities", object("memberId", dan.memberId(), "organisationId", organisation,
                "categoryCode", "gardening", "date", World.today(), "minutes", 60, "description", "Watering"), "Idempotency-Key", newKey());
        expect(danLogged, 201);
        expect(admin.post("/v1/activities/" + danLogged.field("id") + "/approval", null, "Idempotency-Key", newKey()), 200);
        expect(dan.api().post("/v1/me/donations", object("amountMinutes", 60, "toCommunityPot", true), "Idempotency-Key", newKey()), 201);
    }

    @Test
    @Order(1)
    void anAdministratorUndoesAnApprovalAndTheBalanceDrops() {
        assertThat(balance(ada.accountId())).isEqualTo(300);
        signIn(administrator, STAFF_PASSWORD, "Dashboard");
        browser.press("Members").at("Members").press("Ada Lovelace").at("Ada Lovelace");
        browser.press("Undo an approval of their hours").at("Undo an approval for Ada Lovelace");
        assertThat(browser.text()).contains("Weeding the community garden", "3 hours");
        browser.check("corrections-undo-list").checkSmallAndLarge("corrections-undo-list");
        browser.press("Undo approval").press("Continue");
        assertThat(browser.message("Say why the approval is undone")).doesNotContain("Exception");
        browser.type("Why is the approval undone?", "Logged twice").press("Continue");
        browser.waitForText("Undo the approval of 3 hours for Ada Lovelace?");
        assertThat(browser.text()).as("the refusal before is gone").doesNotContain("Say why the approval is undone");
        assertThat(browser.text()).contains("Ada Lovelace will lose 3 hours; Ada's balance goes from 5 hours to 2 hours.");
        browser.check("corrections-undo-confirm");
        browser.press("Yes, undo the approval");
        assertThat(browser.message("Approval undone")).contains("show as reversed", "Ada's balance is now 2 hours")
                .doesNotContain("minutes", "act_", "Exception");
        assertThat(browser.text()).contains("Reversed: Logged twice");
        browser.check("corrections-undo-done");

        assertThat(balance(ada.accountId())).isEqualTo(120);
        JsonNode undone = get("/v1/activities/" + activity);
        assertThat(undone.get("status").asText()).isEqualTo("REVERSED");
        assertThat(undone.get("rejectionReason").asText()).isEqualTo("Logged twice");

        browser.press("Back to Ada Lovelace").at("Ada Lovelace");
        assertThat(browser.text()).contains("Reversed: Logged twice");
    }

    @Test
    @Order(2)
    void anAdministratorReversesAnEntryWithAReason() {
        // the approval's own entry was reversed by undoing it: said in words, with nothing to press
        String earn = get("/v1/activities/" + activity).get("entryId").asText();
        browser.open("/#/reverse-entry?entry=" + earn).at("Reverse an entry");
        assertThat(browser.message("This entry was already reversed")).contains("Nothing more to do").doesNotContain("ent_");
        browser.check("corrections-entry-already-reversed");

        browser.open("/#/member?id=" + ada.memberId()).at("Ada Lovelace");
        browser.press("Reverse an entry in their statement").at("Reverse an entry for Ada Lovelace");
        assertThat(browser.text()).contains("Opening credits", "+2 hours");
        browser.check("corrections-reverse-statement");
        browser.driver.findElement(By.cssSelector("a[aria-label^='Reverse: Opening credits']")).click();
        browser.waitForText("An adjustment by an administrator");
        assertThat(browser.text()).contains("Ada Lovelace", "received 2 hours", "The scheme (credits it issues)");
        browser.press("Continue");
        browser.message("Say why the entry is reversed");
        browser.type("Why is it reversed?", "Given to the wrong member").press("Continue");
        browser.waitForText("Ada Lovelace loses 2 hours; the balance goes from 2 hours to 0 hours.");
        assertThat(browser.text()).as("the refusal before is gone").doesNotContain("Say why the entry is reversed");
        browser.check("corrections-reverse-confirm").checkSmallAndLarge("corrections-reverse-confirm");
        browser.press("Yes, reverse it");
        assertThat(browser.message("Reversed, on")).contains("Ada Lovelace: the balance is now 0 hours").doesNotContain("minutes", "ent_");
        browser.check("corrections-reverse-done");

        assertThat(balance(ada.accountId())).isZero();
        JsonNode statement = get("/v1/accounts/" + ada.accountId() + "/postings").get("items");
        assertThat(statement.get(0).get("type").asText()).isEqualTo("REVERSAL");
        assertThat(statement.get(0).get("memo").asText()).contains("Given to the wrong member");
    }

    @Test
    @Order(3)
    void anAdministratorErasesAMemberAfterAConfirmationThatSaysWhatHappensToTheBalance() {
        long pot = balance(scheme.get("communityPotAccountId").asText());
        browser.press("Members").at("Members").press("Bea Okafor").at("Bea Okafor");
        browser.press("Erase their personal data").at("Erase a member's personal data");
        assertThat(browser.text()).contains("Give what they can spend (4 hours) to the community pot", "mark them as left");
        browser.check("corrections-erase");
        browser.press("Continue");
        browser.waitForText("Erase the personal data of Bea Okafor?");
        assertThat(browser.text()).contains("This cannot be undone.",
                "4 hours go to the community pot as a donation; their balance becomes 0 hours.",
                "Every entry stays in the books");
        browser.check("corrections-erase-confirm").checkSmallAndLarge("corrections-erase-confirm");
        browser.press("Yes, erase Bea Okafor");
        assertThat(browser.message("The personal data of Bea Okafor is erased"))
                .contains("They are now shown as \"Erased member", "4 hours went to the community pot; their balance is now 0 hours")
                .doesNotContain("minutes", "mem_");
        browser.check("corrections-erased");

        JsonNode erased = get("/v1/members/" + bea.get("id").asText());
        assertThat(erased.get("status").asText()).isEqualTo("ERASED");
        assertThat(erased.get("displayName").asText()).startsWith("Erased member");
        assertThat(balance(bea.get("accountId").asText())).isZero();
        assertThat(balance(scheme.get("communityPotAccountId").asText())).isEqualTo(pot + 240);
    }

    @Test
    @Order(4)
    void anAdministratorAllocatesHoursToAnOrganisation() {
        browser.press("Allocations").at("Allocations");
        browser.check("corrections-allocations-empty");
        browser.press("Allocate");
        assertThat(browser.message("Enter how many hours to allocate")).doesNotContain("amountMinutes");
        browser.choose("Organisation", "Castlehaven Community Centre").type("Hours", "10").type("Note (optional)", "Spring term")
                .press("Allocate");
        assertThat(browser.message("Allocated 10 hours to Castlehaven Community Centre")).contains("It now has 10 hours to award");
        assertThat(browser.text()).contains("Spring term");
        browser.check("corrections-allocations").checkSmallAndLarge("corrections-allocations");
        String account = get("/v1/organisations/" + organisation).get("accountId").asText();
        assertThat(balance(account)).isEqualTo(600);
        signOut();
    }

    @Test
    @Order(5)
    void aCoordinatorSetsUpAnOpportunity() {
        signIn(coordinator, STAFF_PASSWORD, "Dashboard");
        browser.press("Opportunities").at("Opportunities");
        browser.check("opportunities-empty");
        browser.type("Title", "Litter pick, 10am at Castle Park").choose("Kind of help", "Gardening");
        browser.driver.findElement(By.name("signup.hours")).sendKeys("1");
        browser.driver.findElement(By.name("attendance.hours")).sendKeys("2");
        browser.press("Set it up");
        assertThat(browser.message("\"Litter pick, 10am at Castle Park\" is set up"))
                .contains("It earns 1 hour for signing up and 2 hours for coming");
        browser.check("opportunities").checkSmallAndLarge("opportunities");
        JsonNode made = get("/v1/schemes/" + code + "/opportunities").get("items").get(0);
        assertThat(made.get("signupAwardMinutes").asInt()).isEqualTo(60);
        assertThat(made.get("attendanceAwardMinutes").asInt()).isEqualTo(120);
        signOut();
    }

    @Test
    @Order(6)
    void aMemberSignsUpFromTheirPhone() {
        browser.size(Browser.PHONE);
        try {
            signIn(cal.username(), cal.password(), "My credits");
            browser.press("Menu").press("Opportunities").at("Opportunities to help");
            assertThat(browser.text()).contains("Litter pick, 10am at Castle Park", "Earns 1 hour for signing up and 2 hours for coming");
            browser.check("opportunities-member-phone");
            browser.press("Sign up");
            browser.waitForText("Sign up for Litter pick, 10am at Castle Park?");
            browser.check("opportunities-member-confirm-phone");
            browser.press("Yes, sign me up");
            assertThat(browser.message("You are signed up for Litter pick")).contains("You earned 1 hour: your balance is now 1 hour");
            assertThat(browser.text()).contains("You signed up");
            browser.check("opportunities-member-signed-up-phone");
            assertThat(balance(cal.accountId())).isEqualTo(60);
            signOut();
        } finally {
            browser.size(Browser.DESKTOP);
        }
    }

    @Test
    @Order(7)
    void theCoordinatorTakesAttendanceAndTheHoursAppear() {
        signIn(coordinator, STAFF_PASSWORD, "Dashboard");
        browser.press("Opportunities").at("Opportunities").press("Take attendance").at("Take attendance");
        assertThat(browser.text()).contains("Litter pick, 10am at Castle Park", "Cal Jones (signed up)");
        browser.check("opportunities-attendance").checkSmallAndLarge("opportunities-attendance");
        browser.tick("Cal Jones (signed up)").press("Save who came");
        assertThat(browser.message("Attendance saved: Cal Jones earned 2 hours")).contains("Their credits are in their accounts now");
        assertThat(browser.text()).contains("Cal Jones (came: hours recorded)");
        browser.check("opportunities-attendance-saved");
        assertThat(balance(cal.accountId())).isEqualTo(180);
        signOut();

        signIn(cal.username(), cal.password(), "My credits");
        browser.waitForText("3 credits");
        signOut();
    }

    @Test
    @Order(8)
    void aCoordinatorIsToldInWordsWhenTheCreditsWereAlreadySpent() {
        signIn(coordinator, STAFF_PASSWORD, "Dashboard");
        browser.press("Undo an approval").at("Undo an approval");
        browser.press("Undo the approval of 1 hour for Dan Brown on " + browser.script(
                "return new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' })"));
        browser.type("Why is the approval undone?", "Not on the rota").press("Continue");
        assertThat(browser.message("Dan Brown has already spent or given away these credits"))
                .contains("they can spend 0 hours now", "How far they may owe").doesNotContain("minutes", "acc_", "Exception");
        browser.check("corrections-undo-refused");
        assertThat(balance(dan.accountId())).isZero();
        signOut();
    }
}
