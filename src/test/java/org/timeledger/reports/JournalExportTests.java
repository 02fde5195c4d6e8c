package org.timeledger.reports;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.TestClock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/**
 * The journal export, read by the real hledger: it must parse (strictly: every account and
 * commodity declared) and its balances must be the service's, account by account.
 */
public abstract class JournalExportTests extends ServiceTest {
    public static final Path HLEDGER = Path.of("/usr/bin/hledger");

    @Inject
    TestClock clock;

    @Test
    void hledgerReadsTheExportAndItsBalancesAreTheServices() throws Exception {
        requireHledger();
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        // a name is one line (a line break in it is refused); the memo below still carries one
        MemberLogin ada = memberLogin(code, "Ada  \"Lovelace\"; of London type: carer");
        JsonNode bob = registerMember(code, "Bob");
        JsonNode partner = admin.post("/v1/schemes/" + code + "/partners", object("name", "Pool; the big one")).json();
        issue(scheme, ada.accountId(), 500);
        expect(ada.api().post("/v1/me/gifts", object("toMemberId", bob.get("id").asText(), "amountMinutes", 45,
                "memo", "thanks;  for\tthe\nhelp  "), "Idempotency-Key", newKey()), 201);
        expect(ada.api().post("/v1/me/donations", object("toCommunityPot", true, "amountMinutes", 30), "Idempotency-Key", newKey()), 201);
        String toReverse = transfer(code, ada.accountId(), bob.get("accountId").asText(), 10, "GIFT").field("id");
        expect(admin.post("/v1/entries/" + toReverse + "/reversal", object("reason", "wrong member"), "Idempotency-Key", newKey()), 201);
        Api till = till(partner.get("id").asText());
        expect(till.post("/v1/redemptions", object("cardNumber", ada.cardNumber(), "amountMinutes", 60, "tillReference", "r",
                "capture", true), "Idempotency-Key", newKey()), 201);
        till.post("/v1/redemptions", object("cardNumber", ada.cardNumber(), "amountMinutes", 5, "tillReference", "held only"),
                "Idempotency-Key", newKey());

        Api.Reply export = staff(code, "AUDITOR").get("/v1/schemes/" + code + "/export/journal");

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        Map<String, Long> hledger = hledgerBalances(export.body());
        Map<String, Long> service = new HashMap<>();
        for (String account : List.of(ada.accountId(), bob.get("accountId").asText(), partner.get("accountId").asText(),
                scheme.get("issuanceAccountId").asText(), scheme.get("communityPotAccountId").asText())) {
            JsonNode view = admin.get("/v1/accounts/" + account).json();
            long balance = view.get("balanceMinutes").asLong();
            if (balance != 0) {
                service.put(JournalExport.name(org.timeledger.ledger.model.AccountKind.valueOf(view.get("kind").asText()),
                        view.has("ownerId") ? view.get("ownerId").asText() : null), balance);
            }
        }
        assertThat(hledger).isEqualTo(service);
        assertThat(hledger.get("member:" + ada.memberId())).isEqualTo(500 - 45 - 30 - 60);
    }

    @Test
    void aPeriodExportsOnlyTheEntriesPostedInIt() throws Exception {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        JsonNode ada = registerMember(code, "Ada");
        JsonNode first = issue(scheme, ada.get("accountId").asText(), 10);
        // a moment strictly between the two entries, made by moving the service's clock rather than waiting
        clock.advance(Duration.ofSeconds(1));
        String middle = clock.instant().toString();
        clock.advance(Duration.ofSeconds(1));
        JsonNode second = issue(scheme, ada.get("accountId").asText(), 20);

        String before = admin.get("/v1/schemes/" + code + "/export/journal?to=" + middle).body();
        String after = admin.get("/v1/schemes/" + code + "/export/journal?from=" + middle).body();

        assertThat(before).contains("    10 min").doesNotContain("    20 min");
        assertThat(after).contains("    20 min").contains("Opening balances");
        ZoneId zone = ZoneId.of(scheme.get("timeZone").asText());
        String day = admin.get("/v1/schemes/" + code + "/export/journal?from=" + dayOf(first, zone)
                + "&to=" + dayOf(second, zone)).body();
        assertThat(day).contains("    10 min").contains("    20 min").doesNotContain("Opening balances");
        if (Files.isExecutable(HLEDGER)) {
            assertThat(hledgerBalances(after)).as("opening balances plus the period give the balances at its end")
                    .containsEntry("member:" + ada.get("id").asText(), 30L).containsEntry("issuance", -30L);
        }
        assertThat(admin.get("/v1/schemes/" + code + "/export/journal?from=yesterday").status()).isEqualTo(400);
        assertThat(registerMemberCannotExport(code)).isEqualTo(403);
    }

    /** The day an entry was posted on, where the scheme is. */
    private static LocalDate dayOf(JsonNode entry, ZoneId zone) {
        return LocalDate.ofInstant(Instant.parse(entry.get("postedAt").asText()), zone);
    }

    private int registerMemberCannotExport(String code) {
        return memberLogin(code, "Curious").api().get("/v1/schemes/" + code + "/export/journal").status();
    }

    /** hledger's balance of every account with one, read strictly from the export. */
    public static Map<String, Long> hledgerBalances(String journal) throws IOException, InterruptedException {
        Path file = Files.createTempFile("timeledger", ".journal");
        try {
            Files.writeString(file, journal, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(HLEDGER.toString(), "-f", file.toString(), "--strict", "balance",
                    "--flat", "--no-total", "-O", "csv").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("hledger said:\n" + output + "\nof:\n" + journal).isZero();
            Map<String, Long> balances = new HashMap<>();
            for (String line : output.lines().skip(1).toList()) {
                String[] cells = line.replace("\"", "").split(",");
                balances.put(cells[0], Long.parseLong(cells[1].replace(" min", "").strip()));
            }
            return balances;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** CI installs hledger and insists on it; elsewhere, without it, the round trip is skipped with a reason. */
    private static void requireHledger() {
        if (Files.isExecutable(HLEDGER)) {
            return;
        }
        if ("1".equals(System.getenv("TIMELEDGER_REQUIRE_HLEDGER"))) {
            throw new AssertionError("hledger is required here (TIMELEDGER_REQUIRE_HLEDGER=1): apt-get install hledger");
        }
        Assumptions.abort("hledger is not installed (apt-get install hledger); .ci/run installs it and runs this test");
    }
}
