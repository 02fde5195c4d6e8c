package org.timeledger.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import org.timeledger.problem.RejectedException;

import java.util.List;
import java.util.Map;

/**
 * A query parameter given with no value ({@code ?limit=}, {@code ?cursor=}) is refused with 400,
 * as a value that is not valid is: the framework would bind it as absent, so {@code ?limit=}
 * would quietly mean the default page and {@code ?cursor=} the first page. Leave a parameter
 * out to mean "none". Runs after authentication, so a caller with no credentials is still told
 * 401 first.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class QueryValues implements Ordered {
    private final ProblemHandlers.Rejections rejections;

    public QueryValues(ProblemHandlers.Rejections rejections) {
        this.rejections = rejections;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> refuseEmpty(HttpRequest<?> request) {
        for (Map.Entry<String, List<String>> parameter : request.getParameters()) {
            if (parameter.getValue().stream().anyMatch(String::isEmpty)) {
                return rejections.handle(request, RejectedException.invalidField(parameter.getKey(),
                        "has no value: give one, or leave the parameter out"));
            }
        }
        return null;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after() - 2;
    }
}
