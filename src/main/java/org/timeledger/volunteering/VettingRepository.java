package org.timeledger.volunteering;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface VettingRepository extends CrudRepository<VettingCheck, String> {
    /** A member's checks, the one in force first. */
    @Query("SELECT * FROM vetting_check WHERE member_id = :memberId ORDER BY recorded_at DESC, id DESC")
    List<VettingCheck> history(String memberId);

    /** The checks of several members, each member's in force first. */
    @Query("SELECT * FROM vetting_check WHERE member_id IN (:memberIds) ORDER BY member_id, recorded_at DESC, id DESC")
    List<VettingCheck> histories(java.util.Collection<String> memberIds);
}
