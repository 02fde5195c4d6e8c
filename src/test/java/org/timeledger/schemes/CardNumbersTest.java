package org.timeledger.schemes;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CardNumbersTest {

    @Test
    void newNumbersAreSixteenDigitsWithAValidCheckDigit() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String number = CardNumbers.newNumber();
            assertThat(number).matches("[1-9][0-9]{15}");
            assertThat(CardNumbers.isValid(number)).as(number).isTrue();
            seen.add(number);
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void theCheckDigitIsLuhn() {
        // well-known Luhn-valid test numbers
        assertThat(CardNumbers.isValid("4111111111111111")).isTrue();
        assertThat(CardNumbers.isValid("5500000000000004")).isTrue();
        assertThat(CardNumbers.isValid("4111111111111112")).isFalse();
    }

    @Test
    void everySingleMistypedDigitIsCaught() {
        String number = CardNumbers.newNumber();
        for (int position = 0; position < 16; position++) {
            for (char digit = '0'; digit <= '9'; digit++) {
                if (digit == number.charAt(position)) {
                    continue;
                }
                String typo = number.substring(0, position) + digit + number.substring(position + 1);
                assertThat(CardNumbers.isValid(typo)).as(typo).isFalse();
            }
        }
    }

    @Test
    void malformedNumbersAreInvalid() {
        assertThat(CardNumbers.isValid(null)).isFalse();
        assertThat(CardNumbers.isValid("")).isFalse();
        assertThat(CardNumbers.isValid("411111111111111")).isFalse();
        assertThat(CardNumbers.isValid("4111 1111 1111 1111")).isFalse();
        assertThat(CardNumbers.isValid("41111111111111a1")).isFalse();
    }
}
