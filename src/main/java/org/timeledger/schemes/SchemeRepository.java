package org.timeledger.schemes;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SchemeRepository extends CrudRepository<Scheme, String> {
    Optional<Scheme> findByCode(String code);

    boolean existsByCode(String code);
}
