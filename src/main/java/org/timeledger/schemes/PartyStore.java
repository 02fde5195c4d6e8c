package org.timeledger.schemes;

import jakarta.inject.Singleton;
import org.timeledger.support.Sql;

import java.util.HashMap;
import java.util.Map;

/** Hand-written SQL across a scheme's parties (members, organisations, partners); runs on the caller's transaction. */
@Singleton
public class PartyStore {
    private final Sql sql;

    public PartyStore(Sql sql) {
        this.sql = sql;
    }

    /** Every party of the scheme by id (the owner id of its account), with its name as stored (a member's display name). */
    public Map<String, String> namesById(String schemeId) {
        Map<String, String> names = new HashMap<>();
        sql.list("SELECT id, display_name FROM member WHERE scheme_id = ? "
                + "UNION ALL SELECT id, name FROM organisation WHERE scheme_id = ? "
                + "UNION ALL SELECT id, name FROM partner WHERE scheme_id = ?",
                rs -> new Named(rs.getString(1), rs.getString(2)), schemeId, schemeId, schemeId)
                .forEach(party -> names.put(party.id(), party.name()));
        return names;
    }

    private record Named(String id, String name) {
    }
}
