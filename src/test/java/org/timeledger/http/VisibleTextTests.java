package org.timeledger.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.World;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/**
 * One meaning of blank for every text a request carries, and no invisible tricks in names and
 * memos: a name of no-break or zero-width spaces is blank, a name or memo with a direction
 * override or a hidden character is refused naming the field, and ordinary names of every script
 * pass as they were written.
 */
public abstract class VisibleTextTests extends ServiceTest {
    private World world;

    @BeforeAll
    void buildTheWorld() {
        world = new World(this);
    }

    private static void refused(Api.Reply reply, String field, String saying) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("validation_failed");
        assertThat(Api.ids(reply.json().get("errors"), "field")).as(reply.toString()).containsExactly(field);
        assertThat(reply.json().get("errors").get(0).get("message").asText()).as(reply.toString()).contains(saying);
    }

    private Api.Reply registerNamed(String name) {
        return admin.post("/v1/schemes/" + world.code + "/members", object("displayName", name));
    }

    @Test
    void aNameOfNoBreakOrZeroWidthSpacesIsBlank() {
        for (String blank : List.of("\u00A0", "\u2007", "\u202F", "\u200B", "\u200B\u200C\u200D", "\u2060", "\uFEFF",
                "\u3164", " \u00A0 ")) {
            refused(registerNamed(blank), "displayName", "must not be blank");
        }
        refused(admin.post("/v1/schemes/" + world.code + "/organisations", object("name", "\u00A0\u200B")), "name",
                "must not be blank");
        refused(admin.post("/v1/partners/" + world.partnerId + "/offers", object("title", "\u2007", "amountMinutes", 30)),
                "title", "must not be blank");
    }

    @Test
    void aReasonIsBlankByTheSameDefinitionWhetherControlOrNoBreakSpace() {
        String leaving = registerMember(world.code, "Leaving").get("id").asText();
        refused(admin.post("/v1/members/" + leaving + "/deactivation", object("reason", "\u001F")), "reason", "must not be blank");
        refused(admin.post("/v1/members/" + leaving + "/deactivation", object("reason", "\u00A0")), "reason", "must not be blank");
        refused(admin.post("/v1/members/" + leaving + "/deactivation", object("reason", "\u200B")), "reason", "must not be blank");
    }

    @Test
    void namesRefuseDirectionChangingAndInvisibleCharacters() {
        String saying = "invisible or direction-changing characters";
        refused(registerNamed("Ada\u202Egnp.exe"), "displayName", "U+202E (RIGHT-TO-LEFT OVERRIDE)");
        refused(registerNamed("A\u200Bda"), "displayName", saying);
        refused(registerNamed("Ada\u2066x\u2069"), "displayName", saying);
        refused(registerNamed("Ada\nLovelace"), "displayName", "line breaks");
        refused(admin.post("/v1/schemes/" + world.code + "/organisations", object("name", "Club\u200E")), "name", saying);
        refused(admin.post("/v1/schemes/" + world.code + "/partners", object("name", "Pool", "ward", "North\u061C")), "ward", saying);
        refused(admin.post("/v1/partners/" + world.partnerId + "/offers", object("title", "Swim\u2060", "amountMinutes", 30)),
                "title", saying);
        refused(admin.send("PATCH", "/v1/members/" + world.otherMemberId, object("displayName", "Oth\u200Der")),
                "displayName", saying);
        refused(admin.post("/v1/schemes/" + world.code + "/opportunities", object("organisationId", world.organisation,
                "title", "Litter\u202D pick", "date", World.today(), "signupAwardMinutes", 1, "attendanceAwardMinutes", 1,
                "categoryCode", world.category)), "title", saying);
        refused(admin.post("/v1/schemes/" + world.code + "/listings", object("kind", "OFFER", "categoryCode", world.category,
                "title", "Gardening\uFEFF", "description", "Any afternoon", "memberId", world.otherMemberId)), "title", saying);
    }

    @Test
    void memosAndReasonsRefuseThemTooButTakeLinesAndTabs() {
        long before = balance(world.otherAccount);
        Api.Reply hidden = admin.post("/v1/schemes/" + world.code + "/transfers", object("fromAccountId", world.otherAccount,
                "toAccountId", world.member.accountId(), "amountMinutes", 1, "type", "GIFT", "memo", "thanks\u202E"),
                "Idempotency-Key", newKey());
        refused(hidden, "memo", "U+202E");
        assertThat(balance(world.otherAccount)).isEqualTo(before);

        Api.Reply lines = admin.post("/v1/schemes/" + world.code + "/transfers", object("fromAccountId", world.otherAccount,
                "toAccountId", world.member.accountId(), "amountMinutes", 1, "type", "GIFT", "memo", "For the lifts:\n\tMonday and Friday"),
                "Idempotency-Key", newKey());
        assertThat(lines.status()).as(lines.toString()).isEqualTo(201);
        assertThat(lines.field("memo")).isEqualTo("For the lifts:\n\tMonday and Friday");

        String leaving = registerMember(world.code, "Leaving too").get("id").asText();
        refused(admin.post("/v1/members/" + leaving + "/deactivation", object("reason", "Moved\u200B away")), "reason",
                "U+200B (ZERO WIDTH SPACE)");
    }

    @Test
    void ordinaryNamesOfEveryScriptPassAsWritten() {
        Map<String, String> names = new java.util.LinkedHashMap<>();
        names.put("Welsh", "Siôn Ŵyn ap Dafydd Ŷ");
        names.put("Arabic", "ليلى حسن");
        names.put("Chinese", "王小明");
        names.put("an emoji", "Sam \uD83C\uDF3B");
        names.put("a family emoji", "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67 Jones");
        names.put("Persian with a non-joiner", "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645");
        names.put("an apostrophe and accents", "Siân O'Brien-Zoë");
        names.put("the Welsh flag", "Cymru \uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC77\uDB40\uDC6C\uDB40\uDC73\uDB40\uDC7F");
        names.forEach((what, name) -> {
            Api.Reply registered = registerNamed(name);
            assertThat(registered.status()).as(what + ": " + registered).isEqualTo(201);
            JsonNode member = admin.get("/v1/members/" + registered.field("id")).json();
            assertThat(member.get("displayName").asText()).as(what).isEqualTo(name);
        });
    }

    @Test
    void invisibleCharactersAtTheEndsOfANameAreTakenOff() {
        Api.Reply registered = registerNamed("\u00A0Ada Lovelace\u202F");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.field("displayName")).isEqualTo("Ada Lovelace");
    }
}
