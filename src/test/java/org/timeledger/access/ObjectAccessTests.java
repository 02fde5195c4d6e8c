package org.timeledger.access;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/**
 * Within an admitted role, each caller sees what is theirs and nothing else; what they may
 * not see answers 404, exactly like what does not exist. Nobody crosses schemes.
 */
public abstract class ObjectAccessTests extends ServiceTest {
    private JsonNode scheme;
    private String code;
    private MemberLogin ada;
    private MemberLogin bob;
    private String bobOnlyEntry;
    private String ownOrganisation;
    private String otherOrganisation;
    private String partnerId;
    private String partnerAccount;
    private String otherPartnerId;
    private String otherPartnerAccount;
    private Api coordinator;
    private Api auditor;
    private Api schemeAdmin;
    private Api till;

    // a second scheme, with its own members and staff
    private JsonNode elsewhere;
    private JsonNode stranger;
    private String strangerEntry;
    private Api elsewhereAdmin;

    @BeforeAll
    void twoSchemes() {
        scheme = createScheme();
        code = scheme.get("code").asText();
        ada = memberLogin(code, "Ada");
        bob = memberLogin(code, "Bob");
        issue(scheme, ada.accountId(), 600);
        bobOnlyEntry = issue(scheme, bob.accountId(), 600).get("id").asText();
        ownOrganisation = admin.post("/v1/schemes/" + code + "/organisations", object("name", "Ours")).field("id");
        otherOrganisation = admin.post("/v1/schemes/" + code + "/organisations", object("name", "Theirs")).field("id");
        JsonNode partner = admin.post("/v1/schemes/" + code + "/partners", object("name", "Pool")).json();
        partnerId = partner.get("id").asText();
        partnerAccount = partner.get("accountId").asText();
        JsonNode otherPartner = admin.post("/v1/schemes/" + code + "/partners", object("name", "Shop")).json();
        otherPartnerId = otherPartner.get("id").asText();
        otherPartnerAccount = otherPartner.get("accountId").asText();
        coordinator = staff(code, "COORDINATOR", ownOrganisation);
        auditor = staff(code, "AUDITOR");
        schemeAdmin = staff(code, "ADMIN");
        till = till(partnerId);

        elsewhere = createScheme();
        stranger = registerMember(elsewhere.get("code").asText(), "Stranger");
        strangerEntry = issue(elsewhere, stranger.get("accountId").asText(), 60).get("id").asText();
        elsewhereAdmin = staff(elsewhere.get("code").asText(), "ADMIN");
    }

    @Test
    void aMemberSeesOnlyTheirOwnRecordAccountAndEntries() {
        Api a = ada.api();

        assertThat(a.get("/v1/members/" + ada.memberId()).status()).isEqualTo(200);
        assertThat(a.get("/v1/accounts/" + ada.accountId()).status()).isEqualTo(200);
        assertThat(a.get("/v1/accounts/" + ada.accountId() + "/postings").status()).isEqualTo(200);
        notFound(a.get("/v1/members/" + bob.memberId()));
        notFound(a.get("/v1/accounts/" + bob.accountId()));
        notFound(a.get("/v1/accounts/" + bob.accountId() + "/postings"));
        notFound(a.get("/v1/entries/" + bobOnlyEntry));
        notFound(a.get("/v1/accounts/" + scheme.get("issuanceAccountId").asText()));
        notFound(a.get("/v1/accounts/" + partnerAccount));
    }

    @Test
    void aMemberCannotSpendFromAnotherMembersAccountByAnyRoute() {
        Api a = ada.api();
        long before = balance(bob.accountId());

        Api.Reply transfer = a.post("/v1/schemes/" + code + "/transfers", object("fromAccountId", bob.accountId(),
                "toAccountId", ada.accountId(), "amountMinutes", 60, "type", "GIFT"), "Idempotency-Key", newKey());
        Api.Reply giftNamingBob = a.post("/v1/me/gifts", object("fromAccountId", bob.accountId(), "toMemberId", ada.memberId(),
                "amountMinutes", 60), "Idempotency-Key", newKey());
        Api.Reply bobsCardToHimself = a.post("/v1/me/gifts", object("toCardNumber", bob.cardNumber(), "amountMinutes", 60,
                "memberId", bob.memberId()), "Idempotency-Key", newKey());

        assertThat(transfer.status()).isEqualTo(403);
        assertThat(giftNamingBob.code()).as("no field names the account to spend from").isEqualTo("validation_failed");
        assertThat(bobsCardToHimself.code()).isEqualTo("validation_failed");
        assertThat(balance(bob.accountId())).isEqualTo(before);
    }

    @Test
    void aGiftIsSeenByBothMembersItTouches() {
        Api.Reply gift = ada.api().post("/v1/me/gifts", object("toCardNumber", bob.cardNumber(), "amountMinutes", 5),
                "Idempotency-Key", newKey());

        assertThat(ada.api().get("/v1/entries/" + gift.field("id")).status()).isEqualTo(200);
        assertThat(bob.api().get("/v1/entries/" + gift.field("id")).status()).isEqualTo(200);
        notFound(memberLogin(code, "Carol").api().get("/v1/entries/" + gift.field("id")));
    }

    @Test
    void aCoordinatorSeesMembersTheirOrganisationsAndThePotOnly() {
        assertThat(coordinator.get("/v1/members/" + ada.memberId()).status()).isEqualTo(200);
        assertThat(coordinator.get("/v1/accounts/" + bob.accountId()).status()).isEqualTo(200);
        assertThat(coordinator.get("/v1/entries/" + bobOnlyEntry).status()).isEqualTo(200);
        assertThat(coordinator.get("/v1/organisations/" + ownOrganisation).status()).isEqualTo(200);
        assertThat(coordinator.get("/v1/accounts/" + scheme.get("communityPotAccountId").asText()).status()).isEqualTo(200);
        notFound(coordinator.get("/v1/organisations/" + otherOrganisation));
        notFound(coordinator.get("/v1/accounts/" + partnerAccount));
        notFound(coordinator.get("/v1/accounts/" + scheme.get("issuanceAccountId").asText()));
        assertThat(coordinator.get("/v1/partners/" + partnerId).status()).as("not a coordinator's business").isEqualTo(403);
    }

    @Test
    void aCoordinatorRecordsForMembersButCannotMintCreditsOrTouchOtherAccounts() {
        Api.Reply adjustment = coordinator.post("/v1/schemes/" + code + "/transfers", object("fromAccountId",
                scheme.get("issuanceAccountId").asText(), "toAccountId", ada.accountId(), "amountMinutes", 60, "type", "ADJUSTMENT"),
                "Idempotency-Key", newKey());
        Api.Reply fromPartner = coordinator.post("/v1/schemes/" + code + "/transfers", object("fromAccountId", partnerAccount,
                "toAccountId", ada.accountId(), "amountMinutes", 1, "type", "GIFT"), "Idempotency-Key", newKey());

        assertThat(adjustment.status()).isEqualTo(403);
        assertThat(adjustment.code()).isEqualTo("forbidden");
        assertThat(fromPartner.code()).isEqualTo("account_not_found");
    }

    @Test
    void aTillSeesOnlyItsOwnPartner() {
        assertThat(till.get("/v1/partners/" + partnerId).status()).isEqualTo(200);
        assertThat(till.get("/v1/accounts/" + partnerAccount).status()).isEqualTo(200);
        notFound(till.get("/v1/partners/" + otherPartnerId));
        notFound(till.get("/v1/accounts/" + otherPartnerAccount));
        notFound(till.get("/v1/accounts/" + ada.accountId()));
        notFound(till.get("/v1/entries/" + bobOnlyEntry));
        notFound(till(otherPartnerId).get("/v1/partners/" + partnerId));
    }

    @Test
    void anAuditorReadsEverythingInTheSchemeAndWritesNothing() {
        for (String path : List.of("/v1/schemes/" + code, "/v1/schemes/" + code + "/members", "/v1/members/" + bob.memberId(),
                "/v1/accounts/" + partnerAccount, "/v1/accounts/" + scheme.get("issuanceAccountId").asText(),
                "/v1/entries/" + bobOnlyEntry, "/v1/organisations/" + otherOrganisation, "/v1/partners/" + partnerId,
                "/v1/partners/" + partnerId + "/api-keys", "/v1/schemes/" + code + "/reconciliation")) {
            assertThat(auditor.get(path).status()).as(path).isEqualTo(200);
        }
        assertThat(auditor.post("/v1/schemes/" + code + "/members", object("displayName", "X")).status()).isEqualTo(403);
        assertThat(auditor.post("/v1/schemes/" + code + "/transfers", object("fromAccountId", ada.accountId(),
                "toAccountId", bob.accountId(), "amountMinutes", 1, "type", "GIFT"), "Idempotency-Key", newKey()).status())
                .isEqualTo(403);
        assertThat(auditor.post("/v1/entries/" + bobOnlyEntry + "/reversal", object("reason", "x"), "Idempotency-Key", newKey())
                .status()).isEqualTo(403);
        assertThat(auditor.post("/v1/schemes/" + code + "/staff", object("username", "x-" + newKey(),
                "password", "long-enough-password", "role", "ADMIN")).status()).isEqualTo(403);
    }

    @Test
    void nobodyCrossesSchemes() {
        String there = elsewhere.get("code").asText();
        String strangerAccount = stranger.get("accountId").asText();

        for (Api.Reply reply : List.of(
                schemeAdmin.get("/v1/schemes/" + there),
                schemeAdmin.get("/v1/schemes/" + there + "/members"),
                schemeAdmin.get("/v1/members/" + stranger.get("id").asText()),
                schemeAdmin.get("/v1/accounts/" + strangerAccount),
                schemeAdmin.get("/v1/entries/" + strangerEntry),
                schemeAdmin.get("/v1/schemes/" + there + "/reconciliation"),
                schemeAdmin.post("/v1/schemes/" + there + "/members", object("displayName", "Intruder")),
                schemeAdmin.post("/v1/schemes/" + there + "/staff", object("username", "intruder-" + newKey(),
                        "password", "long-enough-password", "role", "ADMIN")),
                schemeAdmin.post("/v1/schemes/" + there + "/transfers", object("fromAccountId", elsewhere.get("issuanceAccountId").asText(),
                        "toAccountId", strangerAccount, "amountMinutes", 60, "type", "ADJUSTMENT"), "Idempotency-Key", newKey()),
                schemeAdmin.post("/v1/entries/" + strangerEntry + "/reversal", object("reason", "x"), "Idempotency-Key", newKey()),
                coordinator.get("/v1/members/" + stranger.get("id").asText()),
                auditor.get("/v1/accounts/" + strangerAccount),
                elsewhereAdmin.get("/v1/members/" + ada.memberId()))) {
            notFound(reply);
        }
        Api.Reply giftAcross = ada.api().post("/v1/me/gifts", object("toMemberId", stranger.get("id").asText(), "amountMinutes", 1),
                "Idempotency-Key", newKey());
        Api.Reply giftAcrossByCard = ada.api().post("/v1/me/gifts", object("toCardNumber", stranger.get("cardNumber").asText(),
                "amountMinutes", 1), "Idempotency-Key", newKey());
        assertThat(giftAcross.code()).isEqualTo("recipient_not_found");
        assertThat(giftAcrossByCard.code()).isEqualTo("recipient_not_found");
        assertThat(balance(strangerAccount)).isEqualTo(60);
        assertThat(schemeAdmin.post("/v1/schemes", object("code", "own-" + database.kind(), "name", "x")).status())
                .as("a scheme's administrator does not create schemes").isEqualTo(403);
    }

    @Test
    void requestBodiesCannotSetWhatTheCallerMayNot() {
        List<Api.Reply> replies = List.of(
                admin.post("/v1/schemes/" + code + "/members", object("displayName", "Rich", "balanceMinutes", 6000)),
                admin.post("/v1/schemes/" + code + "/members", object("displayName", "Elsewhere", "schemeCode", elsewhere.get("code").asText())),
                admin.post("/v1/schemes/" + code + "/staff", object("username", "sneaky-" + newKey(), "password", "long-enough-password",
                        "role", "MEMBER")),
                admin.post("/v1/schemes/" + code + "/staff", object("username", "sneaky-" + newKey(), "password", "long-enough-password",
                        "role", "AUDITOR", "schemeId", "sch_other")),
                coordinator.post("/v1/schemes/" + code + "/transfers", object("fromAccountId", ada.accountId(), "toAccountId",
                        bob.accountId(), "amountMinutes", 1, "type", "GIFT", "actor", "someone-else"), "Idempotency-Key", newKey()),
                ada.api().post("/v1/me/donations", object("toCommunityPot", true, "amountMinutes", 1, "onBehalfOf", bob.memberId()),
                        "Idempotency-Key", newKey()),
                admin.post("/v1/schemes", object("code", "mass-" + database.kind(), "name", "x", "issuanceAccountId", "acc_mine")));

        for (Api.Reply reply : replies) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("validation_failed");
        }
    }

    @Test
    void entriesRecordWhoActedAndForWhom() {
        String coordinatorId = coordinator.claim("uid");
        Api.Reply recorded = coordinator.post("/v1/schemes/" + code + "/transfers", object("fromAccountId", ada.accountId(),
                "toAccountId", bob.accountId(), "amountMinutes", 30, "type", "EXCHANGE", "memo", "help with shopping"),
                "Idempotency-Key", newKey());
        Api.Reply ownGift = ada.api().post("/v1/me/gifts", object("toMemberId", bob.memberId(), "amountMinutes", 1),
                "Idempotency-Key", newKey());
        Api.Reply grant = coordinator.post("/v1/schemes/" + code + "/transfers", object("fromAccountId",
                scheme.get("communityPotAccountId").asText(), "toAccountId", bob.accountId(), "amountMinutes", 1, "type", "GRANT"),
                "Idempotency-Key", newKey());

        assertThat(recorded.status()).isEqualTo(201);
        assertThat(recorded.field("actor")).isEqualTo(coordinatorId).startsWith("usr_");
        assertThat(recorded.field("onBehalfOf")).isEqualTo(ada.memberId());
        assertThat(ownGift.field("actor")).isEqualTo(ada.api().claim("uid"));
        assertThat(ownGift.json().has("onBehalfOf")).as("a member acting for themselves").isFalse();
        assertThat(grant.code()).as("the pot is empty").isEqualTo("insufficient_credits");
        assertThat(reconcile(code).get("balanced").asBoolean()).isTrue();
    }

    private static void notFound(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
        assertThat(reply.code()).isEqualTo("not_found");
    }
}
