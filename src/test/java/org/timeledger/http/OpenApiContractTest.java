package org.timeledger.http;

import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.TestDatabase;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * openapi.yml is the contract: every route the server exposes is described there, and every
 * operation described there exists. (That responses match it is checked on every request the
 * HTTP tests make; see {@link org.timeledger.testing.Api}.)
 */
class OpenApiContractTest extends ServiceTest {
    @Inject
    Router router;

    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }

    @Test
    void theServerAndTheContractHaveTheSameRoutes() {
        Set<String> served = router.uriRoutes()
                .map(r -> (UriRouteInfo<?, ?>) r)
                .filter(r -> r.getHttpMethod() != HttpMethod.HEAD && r.getHttpMethod() != HttpMethod.OPTIONS)
                .map(r -> r.getHttpMethod() + " " + normalise(r.getUriMatchTemplate().toPathString()))
                .collect(Collectors.toCollection(TreeSet::new));

        OpenAPI contract = new OpenAPIV3Parser().read("openapi.yml");
        Set<String> documented = new TreeSet<>();
        contract.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(method -> documented.add(method.name() + " " + normalise(path))));

        assertThat(served).as("routes served").containsExactlyInAnyOrderElementsOf(documented);
    }

    /** Path parameters compared by position, not name: /v1/schemes/{code} and /v1/schemes/{x} are one route. */
    private static String normalise(String template) {
        return template.replaceAll("\\{[^}]*}", "{}");
    }
}
