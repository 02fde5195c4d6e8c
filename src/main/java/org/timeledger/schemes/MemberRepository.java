package org.timeledger.schemes;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MemberRepository extends CrudRepository<Member, String> {
    boolean existsByCardNumber(String cardNumber);

    Optional<Member> findByCardNumber(String cardNumber);

    /** Locks the member's row and reads it. */
    @Query("SELECT * FROM member WHERE id = :id FOR UPDATE")
    Optional<Member> lock(String id);

    @Query("UPDATE member SET card_number = :cardNumber WHERE id = :id")
    void updateCardNumber(String id, String cardNumber);

    @Query("INSERT INTO retired_card (card_number, member_id, retired_at) VALUES (:cardNumber, :memberId, :retiredAt)")
    void retireCard(String cardNumber, String memberId, java.time.Instant retiredAt);

    @Query(value = "SELECT COUNT(*) FROM retired_card WHERE card_number = :cardNumber", nativeQuery = true)
    long countRetired(String cardNumber);

    List<Member> findByIdIn(java.util.Collection<String> ids);

    List<Member> findByCardNumberIn(java.util.Collection<String> cardNumbers);

    /** Members of a scheme with ids after {@code afterId}, oldest first. */
    @Query("SELECT * FROM member WHERE scheme_id = :schemeId AND id > :afterId ORDER BY id LIMIT :limit")
    List<Member> page(String schemeId, String afterId, int limit);
}
