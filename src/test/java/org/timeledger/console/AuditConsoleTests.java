package org.timeledger.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/**
 * An auditor reads the audit log in words: who changed what and when, a member's phone as
 * "changed", the scheme's floor in hours, names rather than ids, older changes first and the
 * rest with "More".
 */
abstract class AuditConsoleTests extends ConsoleTest {
    private String code;
    private String auditor;

    @BeforeAll
    void scheme() {
        JsonNode scheme = createScheme("name", "Castlehaven Timebank", "memberFloorMinutes", -600,
                "lowestMemberFloorMinutes", -1200);
        code = scheme.get("code").asText();
        create("/v1/schemes/" + code + "/organisations", "name", "Castlehaven Community Centre");
        auditor = staffUser(code, "AUDITOR");
        String ada = registerMember(code, "Ada Lovelace").get("id").asText();
        expect(admin.send("PATCH", "/v1/members/" + ada, object("phone", "+44 7700 900123", "ward", "Harbour")), 200);
        expect(admin.send("PATCH", "/v1/schemes/" + code, object("memberFloorMinutes", -300)), 200);
        for (int i = 0; i < 25; i++) {
            registerMember(code, "Member " + i);
        }
    }

    @Test
    void anAuditorReadsWhoChangedWhatInWords() {
        signIn(auditor, STAFF_PASSWORD, "Report");
        browser.press("Audit log").at("Audit log");
        browser.waitForText("changed the details of Ada Lovelace");
        assertThat(browser.text())
                .contains("admin (administrator) set up the scheme", "added an organisation: Castlehaven Community Centre",
                        "registered Ada Lovelace", "Phone: changed", "Ward: Harbour",
                        "changed the scheme's rules", "Member floor: −10 hours → −5 hours")
                .doesNotContain("900123", "mem_", "usr_", "memberFloorMinutes");
        browser.check("audit-log");

        browser.press("More");
        browser.waitForText("registered Member 24");
        browser.check("audit-log-more");
        signOut();
    }
}
