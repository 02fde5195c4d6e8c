package org.timeledger.giving;

import jakarta.inject.Singleton;
import org.timeledger.support.Sql;
import org.timeledger.support.SqlTimes;

import java.util.List;

/** Who may spend whose credits at tills. Needs the caller's transaction: a store has no connection of its own. */
@Singleton
public class BeneficiaryStore {
    private final Sql sql;

    public BeneficiaryStore(Sql sql) {
        this.sql = sql;
    }

    /** Adds the nomination; false if it existed already. */
    public boolean add(Beneficiary b) {
        boolean exists = sql.first("SELECT 1 FROM beneficiary WHERE member_id = ? AND beneficiary_id = ?", rs -> true,
                b.memberId(), b.beneficiaryId()).isPresent();
        if (exists) {
            return false;
        }
        sql.update("INSERT INTO beneficiary (member_id, beneficiary_id, created_at) VALUES (?, ?, ?)", b.memberId(),
                b.beneficiaryId(), b.createdAt());
        return true;
    }

    public boolean remove(String memberId, String beneficiaryId) {
        return sql.update("DELETE FROM beneficiary WHERE member_id = ? AND beneficiary_id = ?", memberId, beneficiaryId) > 0;
    }

    /** The beneficiaries a member named. */
    public List<Beneficiary> namedBy(String memberId) {
        return list("SELECT member_id, beneficiary_id, created_at FROM beneficiary WHERE member_id = ? ORDER BY created_at", memberId);
    }

    /** The members who named this one their beneficiary. */
    public List<Beneficiary> naming(String beneficiaryId) {
        return list("SELECT member_id, beneficiary_id, created_at FROM beneficiary WHERE beneficiary_id = ? ORDER BY created_at",
                beneficiaryId);
    }

    private List<Beneficiary> list(String query, String id) {
        return sql.list(query, rs -> new Beneficiary(rs.getString(1), rs.getString(2), SqlTimes.instant(rs, 3)), id);
    }
}
