package org.timeledger.schemes;

import io.micronaut.core.annotation.Nullable;

/** How many members a ward has among some (a null ward: those who gave none). */
public record WardCount(@Nullable String ward, long members) {
}
