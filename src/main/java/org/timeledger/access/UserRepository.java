package org.timeledger.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface UserRepository extends CrudRepository<AppUser, String> {
    Optional<AppUser> findByUsername(String username);

    Optional<AppUser> findByMemberId(String memberId);

    List<AppUser> findByOwnMemberId(String ownMemberId);

    boolean existsByUsername(String username);

    @Query("UPDATE app_user SET username = :username, password_hash = :passwordHash WHERE id = :id")
    void updateLogin(String id, String username, @Nullable String passwordHash);

    @Query("UPDATE app_user SET own_member_id = :ownMemberId WHERE id = :id")
    void updateOwnMember(String id, @Nullable String ownMemberId);

    @Query("UPDATE app_user SET password_hash = NULL WHERE id = :id")
    void disableLogin(String id);

    /** Ends every session of the user: access tokens issued before stop working at once. */
    @Query("UPDATE app_user SET session_epoch = session_epoch + 1 WHERE id = :id")
    void endSessions(String id);

    @Query("INSERT INTO staff_organisation (user_id, organisation_id) VALUES (:userId, :organisationId)")
    void addOrganisation(String userId, String organisationId);

    @Query(value = "SELECT organisation_id FROM staff_organisation WHERE user_id = :userId ORDER BY organisation_id",
            nativeQuery = true)
    List<String> organisationsOf(String userId);
}
