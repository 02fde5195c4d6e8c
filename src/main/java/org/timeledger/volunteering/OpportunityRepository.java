package org.timeledger.volunteering;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OpportunityRepository extends CrudRepository<Opportunity, String> {
    /** In the order they were set up, those with ids after {@code afterId}. */
    @Query("SELECT * FROM opportunity WHERE scheme_id = :schemeId AND id > :afterId ORDER BY id LIMIT :limit")
    List<Opportunity> page(String schemeId, String afterId, int limit);
}
