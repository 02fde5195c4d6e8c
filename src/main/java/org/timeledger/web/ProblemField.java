package org.timeledger.web;

import io.micronaut.serde.annotation.Serdeable;

/** One invalid field in a validation_failed problem. */
@Serdeable
public record ProblemField(String field, String message) {
}
