package org.timeledger.command;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.timeledger.command.CommandRunner.Command;
import org.timeledger.command.CommandRunner.Outcome;
import org.timeledger.command.CommandRunner.StoredRefusal;
import org.timeledger.giving.GivingRequests;
import org.timeledger.giving.GivingService;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Role;
import org.timeledger.ledger.store.LedgerStore;
import org.timeledger.ledger.view.LedgerViews.EntryView;
import org.timeledger.problem.Refusal;
import org.timeledger.problem.RejectedException;
import org.timeledger.schemes.SchemeService;
import org.timeledger.testing.ServiceTest;

import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A command run as a scheduled job or the demo would: no HTTP request, the runner owning the
 * transaction, the Idempotency-Key honoured; and a service method that needs the command's
 * transaction refusing to run without one.
 */
public abstract class CommandRunnerTests extends ServiceTest {
    private static final Function<RejectedException, StoredRefusal> REFUSAL =
            refused -> new StoredRefusal(422, "{\"code\":\"" + refused.rejection().code() + "\"}");

    @Inject
    CommandRunner commands;
    @Inject
    GivingService giving;
    @Inject
    SchemeService schemes;

    private record Members(Caller ada, String adaAccount, String bobId, String bobAccount) {
    }

    private Members members() {
        JsonNode scheme = createScheme();
        JsonNode ada = registerMember(scheme.get("code").asText(), "Ada");
        JsonNode bob = registerMember(scheme.get("code").asText(), "Bob");
        issue(scheme, ada.get("accountId").asText(), 120);
        Caller caller = new Caller("usr_command_test_" + newKey(), Role.MEMBER, schemes.get(scheme.get("code").asText()).id(), Set.of(),
                ada.get("id").asText(), null);
        return new Members(caller, ada.get("accountId").asText(), bob.get("id").asText(), bob.get("accountId").asText());
    }

    private Command<EntryView> gift(Members m, String key, long minutes) {
        GivingRequests.Gift gift = new GivingRequests.Gift(null, m.bobId(), minutes, "for the shopping");
        return new Command<>(m.ada().principalId(), key, "gift", gift, EntryView.class, 201, () -> giving.gift(m.ada(), gift));
    }

    @Test
    void aCommandRunsOncePerKeyWithoutAnHttpRequest() {
        Members m = members();
        String key = newKey();

        Outcome<EntryView> first = commands.run(gift(m, key, 30), REFUSAL);
        Outcome<EntryView> again = commands.run(gift(m, key, 30), REFUSAL);

        assertThat(first.replayed()).isFalse();
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.replayed()).isTrue();
        assertThat(again.result().id()).as("the same entry, not a second").isEqualTo(first.result().id());
        assertThat(balance(m.adaAccount())).isEqualTo(90);
        assertThat(balance(m.bobAccount())).isEqualTo(30);
    }

    @Test
    void theSameKeyForAnotherCommandIsRefused() {
        Members m = members();
        String key = newKey();
        commands.run(gift(m, key, 30), REFUSAL);

        assertThatThrownBy(() -> commands.run(gift(m, key, 45), REFUSAL))
                .isInstanceOfSatisfying(RejectedException.class,
                        e -> assertThat(e.rejection()).isEqualTo(Refusal.IDEMPOTENCY_KEY_REUSED));
        assertThat(balance(m.bobAccount())).isEqualTo(30);
    }

    @Test
    void aRefusalIsStoredAndReplayedUnderItsKey() {
        Members m = members();
        String key = newKey();

        assertThatThrownBy(() -> commands.run(gift(m, key, 500), REFUSAL)).isInstanceOf(RejectedException.class);
        assertThatThrownBy(() -> commands.run(gift(m, key, 500), REFUSAL))
                .isInstanceOfSatisfying(ReplayedRefusal.class, r -> {
                    assertThat(r.status()).isEqualTo(422);
                    assertThat(r.problem()).contains("insufficient_credits");
                });
    }

    @Inject
    LedgerStore journal;

    /** A store has no connection of its own: its methods run on the transaction of whoever calls them. */
    @Test
    void aStoreRefusesToRunOutsideATransaction() {
        Members m = members();
        assertThatThrownBy(() -> journal.findAccount(m.adaAccount())).hasMessageContaining("existing connection");
    }

    @Test
    void aServiceMethodOfACommandRefusesToRunOutsideOne() {
        Members m = members();
        GivingRequests.Gift gift = new GivingRequests.Gift(null, m.bobId(), 30L, "no transaction");

        assertThatThrownBy(() -> giving.gift(m.ada(), gift)).hasMessageContaining("transaction");
        assertThat(balance(m.bobAccount())).isZero();
    }
}
