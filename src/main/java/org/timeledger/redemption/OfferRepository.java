package org.timeledger.redemption;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OfferRepository extends CrudRepository<Offer, String> {
    /** Locks the offer's row: holds on an offer with a quota are counted one at a time. */
    @Query("SELECT * FROM offer WHERE id = :id FOR UPDATE")
    Optional<Offer> lock(String id);

    @Query("SELECT * FROM offer WHERE scheme_id = :schemeId AND active = TRUE AND id > :afterId ORDER BY id LIMIT :limit")
    List<Offer> activePage(String schemeId, String afterId, int limit);

    List<Offer> findByPartnerIdOrderById(String partnerId);
}
