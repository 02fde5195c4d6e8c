package org.timeledger.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator keeps a member's details, finds them by phone, marks them as left (their
 * sign-in is then refused) and as back; a coordinator may not edit a member who is not theirs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class MemberDetailsConsoleTests extends ConsoleTest {
    private String code;
    private String administrator;
    private String coordinator;
    private MemberLogin ada;

    @BeforeAll
    void scheme() {
        JsonNode scheme = createScheme("name", "Castlehaven Timebank");
        code = scheme.get("code").asText();
        String organisation = create("/v1/schemes/" + code + "/organisations", "name", "Castlehaven Community Centre");
        administrator = staffUser(code, "ADMIN");
        coordinator = staffUser(code, "COORDINATOR", organisation);
        ada = memberLogin(code, "Ada Lovelace");
        registerMember(code, "Bea Okafor");
    }

    @Test
    @Order(1)
    void anAdministratorEditsAMembersDetails() {
        signIn(administrator, STAFF_PASSWORD, "Dashboard");
        browser.press("Members").at("Members").press("Ada Lovelace").at("Ada Lovelace");
        browser.press("Edit details");
        browser.type("Phone", "+44 7700 900123").type("Email", "ada.example.org").type("Postal address", "1 Analytical Row")
                .choose("Prefers to be contacted by", "Email").type("Notes", "Hard of hearing: text first")
                .press("Save the details");
        assertThat(browser.message("does not look like an email address")).contains("Email").doesNotContain("Exception");
        browser.check("member-details-refused");
        browser.type("Email", "ada@example.org").press("Save the details");
        browser.message("The details are saved");
        assertThat(browser.text()).contains("+44 7700 900123", "ada@example.org", "1 Analytical Row", "Hard of hearing");
        browser.check("member-details");

        JsonNode details = get("/v1/members/" + ada.memberId()).get("details");
        assertThat(details.get("phone").asText()).isEqualTo("+44 7700 900123");
        assertThat(details.get("preferredContact").asText()).isEqualTo("EMAIL");
        assertThat(details.get("notes").asText()).isEqualTo("Hard of hearing: text first");
    }

    @Test
    @Order(2)
    void findsTheMemberByPartOfTheirPhoneNumber() {
        browser.press("Members").at("Members").type("Find a member", "900123").press("Search");
        browser.waitForText("Members found (1)");
        assertThat(browser.text()).contains("Ada Lovelace").doesNotContain("Bea Okafor")
                .as("the list shows no contact details").doesNotContain("900123 ");
        browser.check("members-search");
    }

    @Test
    @Order(3)
    void marksTheMemberAsLeftSoTheirSignInIsRefusedThenAsBack() {
        browser.press("Ada Lovelace").at("Ada Lovelace");
        browser.press("Mark as left");
        assertThat(browser.message("Say why they left")).doesNotContain("Exception");
        browser.type("Why they left", "Moved to Leeds").press("Mark as left");
        browser.message("Marked as left");
        assertThat(browser.text()).contains("left on", "Moved to Leeds");
        browser.check("member-left");
        assertThat(get("/v1/members/" + ada.memberId()).get("status").asText()).isEqualTo("INACTIVE");
        signOut();

        browser.type("Username", ada.username()).type("Password", ada.password()).press("Sign in");
        assertThat(browser.message("has left the scheme")).contains("mark them as back");
        browser.check("sign-in-member-left");

        signIn(administrator, STAFF_PASSWORD, "Dashboard");
        browser.press("Members").at("Members").choose("Show", "Members who left").press("Search");
        browser.waitForText("Members found (1)");
        browser.press("Ada Lovelace").at("Ada Lovelace").press("Mark as back");
        browser.message("Marked as back");
        assertThat(get("/v1/members/" + ada.memberId()).get("status").asText()).isEqualTo("ACTIVE");
        signOut();
        signIn(ada.username(), ada.password(), "My credits");
        signOut();
    }

    @Test
    @Order(4)
    void aCoordinatorIsToldInWordsThatAnotherMemberIsNotTheirs() {
        signIn(coordinator, STAFF_PASSWORD, "Dashboard");
        browser.press("Members").at("Members").press("Bea Okafor").at("Bea Okafor");
        browser.press("Edit details").type("Phone", "01632 960123").press("Save the details");
        assertThat(browser.message("Ask an administrator")).contains("registered").doesNotContain("mem_");
        browser.check("member-details-not-theirs");
        signOut();
    }
}
