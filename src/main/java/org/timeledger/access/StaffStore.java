package org.timeledger.access;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.timeledger.identity.Role;
import org.timeledger.support.Sql;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of managing a scheme's staff (app_user, staff_organisation): a page of them, the row
 * locks a change takes, and the changes themselves. Needs the caller's transaction: a store has
 * no connection of its own.
 */
@Singleton
public class StaffStore {
    private final Sql sql;
    private final String rowLock;

    public StaffStore(Sql sql, @Value("${datasources.default.url:}") String url) {
        this.sql = sql;
        // as SchemeSettingsStore: PostgreSQL's FOR UPDATE would also block inserting a login (user_login names its user)
        this.rowLock = url.startsWith("jdbc:postgresql:") ? "FOR NO KEY UPDATE" : "FOR UPDATE";
    }

    /** Staff of a scheme (not members, not the administrator of every scheme), by id after {@code afterId}. */
    public List<String> page(String schemeId, Boolean active, String afterId, int rows) {
        String status = active == null ? "" : active ? "AND deactivated_at IS NULL " : "AND deactivated_at IS NOT NULL ";
        return sql.list("SELECT id FROM app_user WHERE scheme_id = ? AND role IN (?, ?, ?) AND id > ? " + status
                        + "ORDER BY id LIMIT ?", rs -> rs.getString(1), schemeId, Role.ADMIN, Role.COORDINATOR, Role.AUDITOR,
                afterId, rows);
    }

    /** Locks the user's row, so that two changes of one staff user queue one after the other. */
    public Optional<String> lock(String userId) {
        return sql.first("SELECT id FROM app_user WHERE id = ? " + rowLock, rs -> rs.getString(1), userId);
    }

    /**
     * Locks the rows of the scheme's administrators and answers the ids of those still active.
     * Every change that could leave a scheme without one takes these locks first, so two such
     * changes at once cannot each count the other's administrator as staying.
     */
    public List<String> lockActiveAdministrators(String schemeId) {
        List<Admin> admins = sql.list("SELECT id, deactivated_at FROM app_user WHERE scheme_id = ? AND role = ? ORDER BY id "
                + rowLock, rs -> new Admin(rs.getString(1), rs.getObject(2) != null), schemeId, Role.ADMIN);
        return admins.stream().filter(a -> !a.inactive()).map(Admin::id).toList();
    }

    private record Admin(String id, boolean inactive) {
    }

    public void changeRole(String userId, Role role) {
        sql.update("UPDATE app_user SET role = ? WHERE id = ?", role, userId);
    }

    /** Replaces the organisations a coordinator acts for. */
    public void replaceOrganisations(String userId, Collection<String> organisationIds) {
        sql.update("DELETE FROM staff_organisation WHERE user_id = ?", userId);
        if (organisationIds.isEmpty()) {
            return;
        }
        sql.batch("INSERT INTO staff_organisation (user_id, organisation_id) VALUES (?, ?)", organisationIds,
                id -> new Object[] {userId, id});
    }

    public void deactivate(String userId, Instant at, String reason) {
        sql.update("UPDATE app_user SET deactivated_at = ?, deactivation_reason = ? WHERE id = ?", at, reason, userId);
    }

    public void reactivate(String userId) {
        sql.update("UPDATE app_user SET deactivated_at = NULL, deactivation_reason = NULL WHERE id = ?", userId);
    }
}
