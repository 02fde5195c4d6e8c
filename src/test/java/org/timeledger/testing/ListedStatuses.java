package org.timeledger.testing;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The statuses each operation of openapi.yml lists by number. A `default` answer describes the
 * shape of an error, not which errors happen: a client generated from the contract, and the
 * integrator reading it, learn what to handle from the numbers. So every answer a test sees
 * must have its status listed on its operation.
 *
 * <p>With {@code -Dcontract.statuses.record=FILE} the statuses not listed are appended to FILE
 * instead of failing the test, to list them all after one run of the suite.
 */
public final class ListedStatuses {
    private static final List<Route> ROUTES = load();
    private static final String RECORD = System.getProperty("contract.statuses.record");

    private ListedStatuses() {
    }

    /** Fails when openapi.yml has the route but its operation does not list this status. */
    public static void check(String method, String rawPath, int status) {
        String path = URI.create("http://x" + rawPath).getPath();
        Optional<Route> route = match(method, path);
        if (route.isEmpty() || route.get().statuses().contains(String.valueOf(status))) {
            return;
        }
        String missing = method + " " + route.get().template() + " " + status;
        if (RECORD != null) {
            try {
                Files.writeString(Path.of(RECORD), missing + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        throw new AssertionError("openapi.yml does not list " + status + " for " + method + " "
                + route.get().template() + " (answered to " + method + " " + rawPath + ")");
    }

    /** The operation a request path belongs to; literal segments win over {parameters}. */
    static Optional<Route> match(String method, String path) {
        String[] segments = path.split("/", -1);
        Route best = null;
        int bestLiterals = -1;
        for (Route route : ROUTES) {
            if (!route.method().equals(method) || route.segments().length != segments.length) {
                continue;
            }
            int literals = 0;
            boolean matches = true;
            for (int i = 0; i < segments.length && matches; i++) {
                String expected = route.segments()[i];
                if (expected.startsWith("{")) {
                    continue;
                }
                matches = expected.equals(segments[i]);
                literals++;
            }
            if (matches && literals > bestLiterals) {
                best = route;
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    private static List<Route> load() {
        OpenAPI contract = new OpenAPIV3Parser().read("openapi.yml");
        List<Route> routes = new ArrayList<>();
        contract.getPaths().forEach((template, item) -> {
            for (Map.Entry<io.swagger.v3.oas.models.PathItem.HttpMethod, Operation> entry
                    : item.readOperationsMap().entrySet()) {
                Set<String> statuses = entry.getValue().getResponses().keySet();
                routes.add(new Route(entry.getKey().name().toUpperCase(Locale.ROOT), template,
                        template.split("/", -1), Set.copyOf(statuses)));
            }
        });
        return List.copyOf(routes);
    }

    record Route(String method, String template, String[] segments, Set<String> statuses) {
    }
}
