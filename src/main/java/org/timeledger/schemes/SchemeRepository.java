package org.timeledger.schemes;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SchemeRepository extends CrudRepository<Scheme, String> {
    Optional<Scheme> findByCode(String code);

    boolean existsByCode(String code);

    /** Schemes with codes after {@code afterCode}, in order of code. */
    @Query("SELECT * FROM scheme WHERE code > :afterCode ORDER BY code LIMIT :limit")
    List<Scheme> page(String afterCode, int limit);
}
