package org.timeledger.query;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/** One page of a list; {@code nextCursor} is absent on the last page. */
@Serdeable
public record Page<T>(List<T> items, @Nullable String nextCursor) {

    /**
     * A page of at most {@code limit} rows. {@code query} is asked for one row more than that,
     * only to learn whether another page follows; if one does, its cursor is the {@code position}
     * of the last row shown. Rows are turned into items with {@code item} after trimming, so
     * the extra row costs no lookups.
     */
    public static <R, T> Page<T> fetch(int limit, IntFunction<List<R>> query, Function<? super R, String> position,
                                       Function<? super R, ? extends T> item) {
        List<R> rows = query.apply(limit + 1);
        List<R> shown = rows.size() > limit ? rows.subList(0, limit) : rows;
        String next = rows.size() > limit ? Cursors.encode(position.apply(shown.get(limit - 1))) : null;
        return new Page<>(shown.stream().<T>map(item).toList(), next);
    }
}
