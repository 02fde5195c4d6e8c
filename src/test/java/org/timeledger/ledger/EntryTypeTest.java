package org.timeledger.ledger;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import org.timeledger.ledger.model.AccountKind;
import org.timeledger.ledger.model.EntryType;

/** Which kinds of account each type of entry may move credits between. */
class EntryTypeTest {

    @ParameterizedTest(name = "{0}: {1} -> {2} allowed={3}")
    @CsvSource({
            "GIFT, MEMBER, MEMBER, true",
            "GIFT, ISSUANCE, MEMBER, false",
            "GIFT, MEMBER, ORGANISATION, false",
            "EXCHANGE, MEMBER, MEMBER, true",
            "EXCHANGE, COMMUNITY_POT, MEMBER, false",
            "DONATION, MEMBER, ORGANISATION, true",
            "DONATION, MEMBER, COMMUNITY_POT, true",
            "DONATION, MEMBER, MEMBER, false",
            "GRANT, COMMUNITY_POT, MEMBER, true",
            "GRANT, ISSUANCE, MEMBER, false",
            "EARN, ISSUANCE, MEMBER, true",
            "EARN, ORGANISATION, MEMBER, true",
            "EARN, MEMBER, MEMBER, false",
            "REDEMPTION, MEMBER, PARTNER, true",
            "REDEMPTION, PARTNER, MEMBER, false",
            "SETTLEMENT, PARTNER, ISSUANCE, true",
            "EXPIRY, MEMBER, EXPIRED, true",
            "ALLOCATION, ISSUANCE, ORGANISATION, true",
            "ADJUSTMENT, ISSUANCE, MEMBER, true",
            "ADJUSTMENT, MEMBER, ISSUANCE, true",
            "ADJUSTMENT, MEMBER, MEMBER, false",
            "ADJUSTMENT, ISSUANCE, ISSUANCE, false",
    })
    void typesMoveCreditsOnlyBetweenTheirKindsOfAccount(EntryType type, AccountKind from, AccountKind to, boolean allowed) {
        assertThat(type.allows(from, to)).isEqualTo(allowed);
    }
}
