package org.timeledger.volunteering;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.timeledger.problem.RejectedException;
import org.timeledger.problem.RejectedException.LineError;
import org.timeledger.volunteering.Registers.Ref;
import org.timeledger.volunteering.Registers.Register;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Reading an attendance register uploaded as CSV (Registers.of), on its own: no service, no
 * database. Which member each line names, once read, is RegistersAndAwardsTests' business.
 */
class RegistersTest {
    private static final String ADA = "mem_01JRZ5Q8M3T0V6C2H9K4W7N1XB";
    private static final String BOB = "mem_01JRZ5Q9A1B2C3D4E5F6G7H8JK";
    private static final String CARD = "4111111111111111";

    /** A register of the gardening session of 2026-04-15 at org_1, 60 minutes for whoever has none of their own. */
    private static Register read(String csv) {
        return read(60L, csv);
    }

    private static Register read(Long sessionMinutes, String csv) {
        return Registers.of(new VolunteeringRequests.CsvRegister("org_1", "2026-04-15", sessionMinutes, "gardening",
                "Weeding", true, csv));
    }

    @Test
    void eachLineNamesAMemberAndTheirMinutesAndTheSessionComesFromTheQuery() {
        Register register = Registers.of(new VolunteeringRequests.CsvRegister(" org_1 ", "2026-04-15", null,
                " gardening ", "Weeding", true, ADA + ",90\n" + BOB + ",30\n"));

        assertThat(register.refs()).containsExactly(new Ref(1, ADA, 90L), new Ref(2, BOB, 30L));
        assertThat(register.errors()).isEmpty();
        assertThat(register.organisationId()).isEqualTo("org_1");
        assertThat(register.categoryCode()).isEqualTo("gardening");
        assertThat(register.date()).isEqualTo(LocalDate.of(2026, 4, 15));
        assertThat(register.description()).isEqualTo("Weeding");
        assertThat(register.approval()).isEqualTo(ActivityService.Approval.AT_ONCE);
    }

    @Test
    void linesAreNumberedAsTheFileCountsThemBlankLinesAndTheHeaderIncluded() {
        Register register = read("memberId or cardNumber,minutes\n\n" + ADA + ",90\n   \n\t\n" + BOB + ",30\n\n");

        assertThat(register.refs()).containsExactly(new Ref(3, ADA, 90L), new Ref(6, BOB, 30L));
    }

    @Test
    void onlyAFirstLineWithoutDigitsIsAHeader() {
        Register register = read(ADA + ",90\nmemberId,minutes\n");

        assertThat(register.refs()).containsExactly(new Ref(1, ADA, 90L));
        assertThat(register.errors()).as("a line of words after the first is read as a line, its minutes refused")
                .extracting(LineError::line, LineError::rule).containsExactly(tuple(2, Registers.INVALID_LINE));
    }

    @ParameterizedTest(name = "line ends {0}")
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void anyLineEndingAndAByteOrderMarkAreRead(String end) {
        Register register = read("\uFEFF" + ADA + ",90" + end + BOB + ",30" + end);

        assertThat(register.refs()).containsExactly(new Ref(1, ADA, 90L), new Ref(2, BOB, 30L));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a comma                        | ID,45",
            "a semicolon                    | ID;45",
            "a tab                          | ID\t45",
            "quoted cells                   | \"ID\",\"45\"",
            "spaces around cells            | '  ID ,  45  '",
            "a row padded with empty cells  | ID,45,,",
    })
    void cellsAreSplitAsSpreadsheetsExportThem(String name, String line) {
        Register register = read(line.replace("ID", ADA));

        assertThat(register.refs()).as(name).containsExactly(new Ref(1, ADA, 45L));
        assertThat(register.errors()).isEmpty();
    }

    @Test
    void aLineWithoutMinutesTakesTheSessionsAndOneWithMinutesItsOwn() {
        Register register = read(60L, ADA + "\n" + BOB + ",\n" + CARD + ",15\n");

        assertThat(register.refs()).containsExactly(new Ref(1, ADA, 60L), new Ref(2, BOB, 60L), new Ref(3, CARD, 15L));
    }

    @Test
    void minutesThatAreNotAWholeNumberOrMissingEverywhereRefuseTheirLineOnly() {
        Register register = read(null, String.join("\n", ADA + ",ninety", BOB + ",1.5", CARD, ADA + ",99999999999999999999",
                BOB + ",-30", ""));

        assertThat(register.errors()).extracting(LineError::line).containsExactly(1, 2, 3, 4);
        assertThat(register.errors()).extracting(LineError::rule).containsOnly(Registers.INVALID_LINE);
        assertThat(register.errors().get(0).message()).isEqualTo("'ninety' is not a whole number of minutes.");
        assertThat(register.errors().get(2).message()).contains("no minutes for the whole session");
        assertThat(register.refs()).as("negative minutes are read; the earning rules refuse them")
                .containsExactly(new Ref(5, BOB, -30L));
    }

    @Test
    void aLineOfMoreThanTwoCellsOrWithoutAMemberIsRefused() {
        Register register = read(String.join("\n", ADA + ",60", ADA + ",60,extra", ",60", BOB + ",30"));

        assertThat(register.errors()).extracting(LineError::line).containsExactly(2, 3);
        assertThat(register.errors().get(0).message())
                .isEqualTo("Expected a member id or card number, then minutes; found '" + ADA + ",60,extra'.");
        assertThat(register.refs()).extracting(Ref::line).containsExactly(1, 4);
    }

    @ParameterizedTest(name = "{0}: a card number? {1}")
    @CsvSource({
            "4111111111111111,      true",
            "4111 1111 1111 1111,   true",
            "4111-1111-1111-1111,   true",
            "411111111111111,       false", // 15 digits
            "41111111111111111,     false", // 17
            "mem_01JRZ5Q8M3T0V6C2H9K4W7N1XB, false",
            "4111x111111111111,     false",
    })
    void aLineNamesAMemberByCardNumberWhenItIsSixteenDigitsAndByIdOtherwise(String reference, boolean card) {
        assertThat(Registers.isCard(reference)).isEqualTo(card);
    }

    @Test
    void aCardNumberIsLookedUpWithoutItsSpacesAndDashes() {
        Register register = read("4111 1111 1111 1111,60\n");

        assertThat(register.refs()).containsExactly(new Ref(1, "4111 1111 1111 1111", 60L));
        assertThat(Registers.card(register.refs().get(0).reference())).isEqualTo(CARD);
        assertThat(Registers.card("4111-1111-1111-1111")).isEqualTo(CARD);
    }

    @Test
    void aThousandLinesAreARegisterAndOneMoreIsRefusedBadLinesCounted() {
        String thousand = (ADA + ",60\n").repeat(1_000);

        assertThat(read(thousand).refs()).hasSize(1_000);
        assertThat(fieldRefused(() -> read(thousand + BOB + ",60\n"))).isEqualTo("body");
        assertThat(fieldRefused(() -> read((ADA + ",60\n").repeat(999) + "x,y,z\nx,y,z\n")))
                .as("a refused line counts too").isEqualTo("body");
    }

    @ParameterizedTest(name = "{index}: nothing, blank lines, a header alone")
    @ValueSource(strings = {"", "\n  \n\n", "memberId,minutes\n"})
    void aRegisterWithoutLinesIsRefused(String csv) {
        assertThatThrownBy(() -> read(csv)).isInstanceOfSatisfying(RejectedException.class, e -> {
            assertThat(e.errors()).extracting(RejectedException.FieldError::field).containsExactly("body");
            assertThat(e.getMessage()).contains("has no lines");
        });
    }

    @Test
    void theSessionsDetailsAreRequiredAndCheckedBeforeAnyLineIsRead() {
        String csv = ADA + ",60\n";
        assertThat(fieldRefused(() -> Registers.of(new VolunteeringRequests.CsvRegister(" ", "2026-04-15", 60L, "gardening",
                null, false, csv)))).isEqualTo("organisationId");
        assertThat(fieldRefused(() -> Registers.of(new VolunteeringRequests.CsvRegister("org_1", "2026-04-15", 60L, null,
                null, false, csv)))).isEqualTo("categoryCode");
        assertThat(fieldRefused(() -> Registers.of(new VolunteeringRequests.CsvRegister("org_1", null, 60L, "gardening",
                null, false, csv)))).isEqualTo("date");
        assertThat(fieldRefused(() -> Registers.of(new VolunteeringRequests.CsvRegister("org_1", "15/04/2026", 60L,
                "gardening", null, false, csv)))).isEqualTo("date");
        assertThat(fieldRefused(() -> Registers.of(new VolunteeringRequests.CsvRegister("o".repeat(41), "2026-04-15", 60L,
                "gardening", null, false, csv)))).isEqualTo("organisationId");
        assertThat(fieldRefused(() -> Registers.of(new VolunteeringRequests.CsvRegister("org_1", "2026-04-15", 60L,
                "gardening", "d".repeat(501), false, csv)))).isEqualTo("description");
        assertThat(fieldRefused(() -> read(ADA + ",6" + '\0' + "0\n"))).as("a binary file").isEqualTo("body");
        assertThat(Registers.of(new VolunteeringRequests.CsvRegister("o".repeat(40), "2026-04-15", 60L, "c".repeat(40),
                "d".repeat(500), false, csv)).refs()).hasSize(1);
    }

    @Test
    void aJsonRegistersLinesAreItsMemberIdsPositionsWithTheSessionsMinutes() {
        Register register = Registers.of(new VolunteeringRequests.Register("org_1", LocalDate.of(2026, 4, 15), 45L,
                "gardening", null, List.of(" " + ADA + " ", BOB), null));

        assertThat(register.refs()).containsExactly(new Ref(1, ADA, 45L), new Ref(2, BOB, 45L));
        assertThat(register.approval()).as("approve left out").isEqualTo(ActivityService.Approval.PENDING);
    }

    @Test
    void unknownRepeatedAndMalformedLinesAreTheRequestsProblemsNotTheSchemesRules() {
        assertThat(List.of(Registers.UNKNOWN_MEMBER, Registers.DUPLICATE_MEMBER, Registers.INVALID_LINE))
                .allMatch(Registers::isInputProblem);
        assertThat(Registers.isInputProblem(EarningRule.DAILY_LIMIT.code())).isFalse();
    }

    /** The one field a refusal names. */
    private static String fieldRefused(Runnable reading) {
        try {
            reading.run();
        } catch (RejectedException e) {
            assertThat(e.errors()).hasSize(1);
            return e.errors().get(0).field();
        }
        throw new AssertionError("not refused");
    }
}
