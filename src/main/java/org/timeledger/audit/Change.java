package org.timeledger.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One field's change: its value before and after, as text (absent for none). A field of
 * personal data is {@code masked}: it changed, and neither value is kept.
 */
@Serdeable
public record Change(String field, @Nullable String before, @Nullable String after, boolean masked) {
}
