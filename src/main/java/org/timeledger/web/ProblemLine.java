package org.timeledger.web;

import io.micronaut.serde.annotation.Serdeable;

/** One refused line of a many-line request (an attendance register), in a problem. */
@Serdeable
public record ProblemLine(int line, String rule, String message) {
}
