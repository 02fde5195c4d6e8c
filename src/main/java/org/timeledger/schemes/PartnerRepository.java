package org.timeledger.schemes;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PartnerRepository extends CrudRepository<Partner, String> {
    /** Partners of a scheme with ids after {@code afterId}, in id order. */
    @Query("SELECT * FROM partner WHERE scheme_id = :schemeId AND id > :afterId ORDER BY id LIMIT :limit")
    List<Partner> page(String schemeId, String afterId, int limit);

    /** Every partner of a scheme, by name (then id), as reports list them. */
    @Query("SELECT * FROM partner WHERE scheme_id = :schemeId ORDER BY name, id")
    List<Partner> byName(String schemeId);
}
