package org.timeledger.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.timeledger.testing.Api;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator deactivates a coordinator who left (who then cannot sign in), reactivates
 * them and gives them a reset code, with which the coordinator sets a new password from the
 * sign-in page; the coordinator then changes their own password.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class StaffConsoleTests extends ConsoleTest {
    private String code;
    private String administrator;
    private String coordinator;
    private String coordinatorId;

    @BeforeAll
    void scheme() {
        JsonNode scheme = createScheme("name", "Castlehaven Timebank");
        code = scheme.get("code").asText();
        String organisation = create("/v1/schemes/" + code + "/organisations", "name", "Castlehaven Community Centre");
        administrator = staffUser(code, "ADMIN");
        coordinator = staffUser(code, "COORDINATOR", organisation);
        JsonNode staff = get("/v1/schemes/" + code + "/staff");
        staff.get("items").forEach(s -> {
            if (s.get("username").asText().equals(coordinator)) {
                coordinatorId = s.get("id").asText();
            }
        });
    }

    @Test
    @Order(1)
    void anAdministratorDeactivatesACoordinatorWhoThenCannotSignIn() {
        signIn(administrator, STAFF_PASSWORD, "Dashboard");
        browser.press("Staff").at("Staff");
        assertThat(browser.text()).contains(administrator, coordinator, "Castlehaven Community Centre", "Active");
        browser.check("staff-list");
        browser.press(coordinator).at(coordinator);
        browser.check("staff-user");
        browser.press("Deactivate");
        assertThat(browser.message("Say why they are deactivated")).doesNotContain("Exception");
        browser.type("Why they are deactivated", "Left the lunch club").press("Deactivate");
        browser.waitForText("Deactivate " + coordinator + "?");
        assertThat(browser.text()).contains("signed out at once", "Reason: Left the lunch club");
        browser.check("staff-deactivate-confirm");
        browser.press("Yes, deactivate");
        browser.message("Deactivated: they were signed out");
        assertThat(browser.text()).contains("Deactivated on", "Left the lunch club");
        browser.check("staff-deactivated");
        assertThat(staffStatus()).isEqualTo("INACTIVE");
        signOut();

        browser.type("Username", coordinator).type("Password", STAFF_PASSWORD).press("Sign in");
        assertThat(browser.message("was deactivated")).contains("reactivate").doesNotContain("usr_");
        browser.check("sign-in-staff-deactivated");
    }

    @Test
    @Order(2)
    void theAdministratorReactivatesThemAndGivesThemAResetCodeWhichTheyUse() {
        signIn(administrator, STAFF_PASSWORD, "Dashboard");
        browser.press("Staff").at("Staff").press(coordinator).at(coordinator);
        browser.press("Reactivate");
        browser.message("Reactivated");
        assertThat(staffStatus()).isEqualTo("ACTIVE");
        browser.press("Give them a reset code");
        browser.waitForText("Give " + coordinator + " a reset code?");
        browser.press("Yes, give them a code");
        browser.message("The reset code for " + coordinator + " is ready");
        String resetCode = (String) browser.script("return document.querySelector('main strong.code').textContent");
        assertThat(resetCode).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");
        assertThat((String) browser.script("return window.location.href")).as("never in the address").doesNotContain(resetCode);
        browser.check("staff-reset-code");
        signOut();

        browser.type("Username", coordinator).type("Password", STAFF_PASSWORD).press("Sign in");
        assertThat(browser.message("Wrong username or password")).contains("reset code");
        browser.press("Use a reset code").at("Set a new password");
        browser.type("Username", coordinator).type("Reset code", "0000-0000-0000").type("New password", "coordinator-new-1")
                .press("Set the password and sign in");
        assertThat(browser.message("not valid")).contains("administrator");
        browser.check("reset-password-refused");
        browser.type("Reset code", resetCode.toLowerCase()).press("Set the password and sign in").at("Dashboard");
        signOut();
        signIn(coordinator, "coordinator-new-1", "Dashboard");
    }

    @Test
    @Order(3)
    void theCoordinatorChangesTheirOwnPasswordAndSignsInAgain() {
        browser.press("Change my password").at("Change my password");
        browser.type("Current password", "not-my-password").type("New password", "coordinator-new-2")
                .type("New password again", "coordinator-new-2").press("Save the new password");
        assertThat(browser.message("not your current password")).doesNotContain("Exception");
        browser.check("my-password-refused");
        browser.type("Current password", "coordinator-new-1").press("Save the new password").at("Sign in");
        browser.message("Your password is changed");
        browser.check("my-password-changed");
        assertThat(anonymous.post("/login", Api.object("username", coordinator, "password", "coordinator-new-1")).status())
                .isEqualTo(401);
        signIn(coordinator, "coordinator-new-2", "Dashboard");
        signOut();
    }

    private String staffStatus() {
        JsonNode staff = get("/v1/schemes/" + code + "/staff");
        for (JsonNode s : staff.get("items")) {
            if (s.get("id").asText().equals(coordinatorId)) {
                return s.get("status").asText();
            }
        }
        throw new AssertionError("no staff user " + coordinatorId);
    }
}
