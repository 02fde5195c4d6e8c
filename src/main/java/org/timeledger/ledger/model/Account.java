package org.timeledger.ledger.model;

/**
 * An account as stored. {@code floorMinutes} is null for an account without a floor
 * (ISSUANCE). {@code postingCount} is the seq of the last posting and {@code chainHead} its hash
 * (before the first posting, the account's genesis hash: see {@link ChainHash#genesis}).
 */
public record Account(String id, String schemeId, AccountKind kind, String ownerId,
                      long balanceMinutes, long heldMinutes, Long floorMinutes,
                      long postingCount, String chainHead) {

    public long availableMinutes() {
        return balanceMinutes - heldMinutes;
    }

    public Account withHeld(long held) {
        return new Account(id, schemeId, kind, ownerId, balanceMinutes, held, floorMinutes, postingCount, chainHead);
    }

    public static Account open(String id, String schemeId, AccountKind kind, String ownerId, Long floorMinutes) {
        return new Account(id, schemeId, kind, ownerId, 0, 0, floorMinutes, 0,
                ChainHash.genesis(id, schemeId, kind, ownerId, floorMinutes));
    }
}
