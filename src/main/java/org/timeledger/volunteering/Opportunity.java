package org.timeledger.volunteering;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Something members sign up for and then turn up to, set up by staff with the awards for each
 * (a reward-points scheme: points for registering, and again for attending).
 */
@MappedEntity("opportunity")
public record Opportunity(@Id String id, String schemeId, String organisationId, String categoryId, String title,
                          LocalDate heldOn, int signupAwardMinutes, int attendanceAwardMinutes, String createdBy,
                          Instant createdAt) {
}
