package org.timeledger.giving;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import org.timeledger.support.SqlTimes;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** Who may spend whose credits at tills. Runs on the caller's transaction. */
@Singleton
public class BeneficiaryStore {
    private final JdbcOperations jdbc;

    public BeneficiaryStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the nomination; false if it existed already. */
    public boolean add(Beneficiary b) {
        boolean exists = jdbc.prepareStatement("SELECT 1 FROM beneficiary WHERE member_id = ? AND beneficiary_id = ?", ps -> {
            ps.setString(1, b.memberId());
            ps.setString(2, b.beneficiaryId());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
        if (exists) {
            return false;
        }
        jdbc.prepareStatement("INSERT INTO beneficiary (member_id, beneficiary_id, created_at) VALUES (?, ?, ?)", ps -> {
            ps.setString(1, b.memberId());
            ps.setString(2, b.beneficiaryId());
            ps.setObject(3, SqlTimes.of(b.createdAt()));
            return ps.executeUpdate();
        });
        return true;
    }

    public boolean remove(String memberId, String beneficiaryId) {
        return jdbc.prepareStatement("DELETE FROM beneficiary WHERE member_id = ? AND beneficiary_id = ?", ps -> {
            ps.setString(1, memberId);
            ps.setString(2, beneficiaryId);
            return ps.executeUpdate() > 0;
        });
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

    private List<Beneficiary> list(String sql, String id) {
        return jdbc.prepareStatement(sql, ps -> {
            ps.setString(1, id);
            List<Beneficiary> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new Beneficiary(rs.getString(1), rs.getString(2), SqlTimes.instant(rs, 3)));
                }
            }
            return found;
        });
    }
}
