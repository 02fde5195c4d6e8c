package org.timeledger.volunteering;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/** Undoing a mistaken approval: the credits go back, the activity says so, and its minutes stop counting. */
public abstract class ApprovalUndoTests extends VolunteeringFixtures {

    Api.Reply undo(Api as, String activityId, String reason) {
        return as.post("/v1/activities/" + activityId + "/reversal", object("reason", reason), "Idempotency-Key", newKey());
    }

    String approved(World w, String memberId, long minutes) {
        String id = log(w, w.coordinator(), memberId, today(), minutes, "shopping").field("id");
        expect(approve(admin, id), 200);
        return id;
    }

    @Test
    void undoingAnApprovalGivesTheCreditsBackAndTheDayCountsItNoMore() {
        World w = world();
        JsonNode ada = registerMember(w.code(), "Ada");
        String id = approved(w, ada.get("id").asText(), 1440);
        assertThat(balance(ada.get("accountId").asText())).isEqualTo(1440);

        Api.Reply undone = undo(w.coordinator(), id, "Logged for the wrong member");

        expect(undone, 200);
        assertThat(undone.field("status")).isEqualTo("REVERSED");
        assertThat(undone.field("rejectionReason")).isEqualTo("Logged for the wrong member");
        assertThat(undone.field("reversedByEntryId")).isNotNull();
        assertThat(balance(ada.get("accountId").asText())).isZero();
        assertThat(balance(w.scheme().get("issuanceAccountId").asText())).isZero();
        JsonNode reversal = admin.get("/v1/entries/" + undone.field("reversedByEntryId")).json();
        assertThat(reversal.get("type").asText()).isEqualTo("REVERSAL");
        assertThat(reversal.get("memo").asText()).isEqualTo("Approval undone: Logged for the wrong member");
        expect(log(w, w.coordinator(), ada.get("id").asText(), today(), 1440, "shopping"), 201);
        assertThat(admin.get("/v1/schemes/" + w.code() + "/activities?status=REVERSED").json().get("items")).hasSize(1);
        assertThat(reconcile(w.code()).get("balanced").asBoolean()).isTrue();
    }

    @Test
    void undoingTwiceAnswersTheSameAndAnEntryReversedDirectlyIsMarked() {
        World w = world();
        JsonNode ada = registerMember(w.code(), "Ada");
        String id = approved(w, ada.get("id").asText(), 60);
        Api.Reply first = undo(admin, id, "mistake");
        Api.Reply again = undo(w.coordinator(), id, "mistake again");
        assertThat(again.field("reversedByEntryId")).isEqualTo(first.field("reversedByEntryId"));
        assertThat(balance(ada.get("accountId").asText())).isZero();

        String other = approved(w, ada.get("id").asText(), 30);
        String entry = admin.get("/v1/activities/" + other).field("entryId");
        Api.Reply direct = admin.post("/v1/entries/" + entry + "/reversal", object("reason", "direct"), "Idempotency-Key", newKey());
        expect(direct, 201);
        assertThat(admin.get("/v1/activities/" + other).field("status")).isEqualTo("REVERSED");
        Api.Reply marked = undo(admin, other, "tidy up");
        expect(marked, 200);
        assertThat(marked.field("reversedByEntryId")).isEqualTo(direct.field("id"));
        assertThat(balance(ada.get("accountId").asText())).isZero();
    }

    @Test
    void onlyAnApprovalCanBeUndoneAndOnlyWhileTheCreditsAreThere() {
        World w = world();
        JsonNode ada = registerMember(w.code(), "Ada");
        String pending = log(w, w.coordinator(), ada.get("id").asText(), today(), 60, "shopping").field("id");
        Api.Reply refused = undo(admin, pending, "not yet");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("activity_not_approved");
        assertThat(refused.field("detail")).contains("reject it instead");

        String id = approved(w, ada.get("id").asText(), 60);
        expect(transfer(w.code(), ada.get("accountId").asText(), w.scheme().get("communityPotAccountId").asText(), 30,
                "DONATION"), 201);
        Api.Reply spent = undo(admin, id, "too late");
        assertThat(spent.status()).isEqualTo(422);
        assertThat(spent.code()).isEqualTo("insufficient_credits");
        assertThat(spent.field("detail")).contains("Ada has already spent or given away some of the 1 hour");
        assertThat(admin.get("/v1/activities/" + id).field("status")).isEqualTo("APPROVED");

        Api.Reply blank = admin.post("/v1/activities/" + id + "/reversal", object("reason", " "), "Idempotency-Key", newKey());
        assertThat(blank.status()).isEqualTo(400);
        Api.Reply noKey = admin.post("/v1/activities/" + id + "/reversal", object("reason", "x"));
        assertThat(noKey.code()).isEqualTo("idempotency_key_missing");
    }

    @Test
    void aCoordinatorUndoesOnlyTheirOwnOrganisationsApprovals() {
        World w = world();
        World other = world();
        JsonNode ada = registerMember(other.code(), "Ada");
        String id = approved(other, ada.get("id").asText(), 60);
        Api.Reply refused = undo(w.coordinator(), id, "not mine");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(balance(ada.get("accountId").asText())).isEqualTo(60);
    }
}
