package org.timeledger.volunteering;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CategoryRepository extends CrudRepository<Category, String> {
    Optional<Category> findBySchemeIdAndCode(String schemeId, String code);

    List<Category> findBySchemeIdOrderByCode(String schemeId);
}
