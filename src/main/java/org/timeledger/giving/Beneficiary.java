package org.timeledger.giving;

import java.time.Instant;

/** A member ({@code memberId}) lets another ({@code beneficiaryId}) spend from their account at tills. */
public record Beneficiary(String memberId, String beneficiaryId, Instant createdAt) {
}
