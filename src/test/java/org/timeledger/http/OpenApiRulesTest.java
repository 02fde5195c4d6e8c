package org.timeledger.http;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What openapi.yml must say for a generated client and a validator to trust it, checked on the
 * file itself: the statuses every operation can answer, ranges on every number a request
 * sends, unknown properties refused, and a line that says what each schema is. (That the
 * server answers only the statuses listed is checked on every request the HTTP tests make;
 * see {@link org.timeledger.testing.ListedStatuses}.)
 */
class OpenApiRulesTest {
    private static final OpenAPI CONTRACT = new OpenAPIV3Parser().read("openapi.yml");
    private static final Set<String> EVERY_ROLE = Set.of("ADMIN_ALL_SCHEMES", "ADMIN", "COORDINATOR", "AUDITOR", "MEMBER", "PARTNER");

    @Test
    void everyOperationListsTheRefusalsAnyOfItsRequestsCanGet() {
        List<String> missing = new ArrayList<>();
        CONTRACT.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            Set<String> listed = operation.getResponses().keySet();
            for (String status : expected(path, item, operation)) {
                if (!listed.contains(status)) {
                    missing.add(method + " " + path + " " + status);
                }
            }
        }));
        assertThat(missing).as("operations that do not list a status their requests can get").isEmpty();
    }

    /**
     * Any request can be refused by the HTTP layer (400, 414, 431) and its address on any route
     * (400); a caller without credentials or with the
     * wrong role on a route that is not open to everyone (401, 403); an id that is not there
     * (404); a body too large or of the wrong type (413, 415); a request that moves credits
     * over its caller's allowance (429); a database that cannot be reached (503).
     */
    private static Set<String> expected(String path, PathItem item, Operation operation) {
        Set<String> statuses = new TreeSet<>(Set.of("400", "414", "431")); // the HTTP layer's, on any request
        if (path.equals("/")) {
            return statuses;
        }
        @SuppressWarnings("unchecked")
        List<String> roles = (List<String>) operation.getExtensions().get("x-roles");
        if (!roles.equals(List.of("ANONYMOUS"))) {
            statuses.add("401");
            if (!roles.containsAll(EVERY_ROLE)) {
                statuses.add("403");
            }
        }
        if (path.contains("{")) {
            statuses.add("404");
        }
        if (operation.getRequestBody() != null) {
            statuses.add("413");
            statuses.add("415");
        }
        if (parameters(item, operation).stream().anyMatch(p -> "Idempotency-Key".equals(p.getName()))) {
            statuses.add("429");
        }
        if (!path.equals("/metrics")) {
            statuses.add("503");
        }
        return statuses;
    }

    /**
     * Each stable code a problem can carry is named in openapi.yml under the status it is
     * answered with, so an integrator can find what a code means and what to do about it.
     */
    @Test
    void everyProblemCodeIsNamedUnderItsStatus() {
        String text = read("openapi.yml");
        List<String> unnamed = new ArrayList<>();
        List<org.timeledger.problem.ProblemCode> codes = new ArrayList<>(List.of(org.timeledger.problem.Refusal.values()));
        codes.addAll(List.of(org.timeledger.ledger.model.Rejection.values()));
        for (org.timeledger.problem.ProblemCode code : codes) {
            String response = SHARED_RESPONSE.get(org.timeledger.web.Problems.status(code).getCode());
            String described = response == null ? null
                    : CONTRACT.getComponents().getResponses().get(response).getDescription();
            if (described == null ? !text.contains("`" + code.code() + "`") : !described.contains("`" + code.code() + "`")) {
                unnamed.add(code.code() + " (" + org.timeledger.web.Problems.status(code).getCode() + ")");
            }
        }
        assertThat(unnamed).as("problem codes openapi.yml does not name under their status").isEmpty();
    }

    /** The shared answer that describes each status's codes. */
    private static final Map<Integer, String> SHARED_RESPONSE = Map.of(
            400, "ValidationFailed", 409, "Conflict", 422, "Unprocessable", 503, "ServiceBusy");

    private static String read(String file) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyNumberARequestSendsHasItsRange() {
        List<String> open = new ArrayList<>();
        requestSchemas().forEach((name, schema) -> properties(schema).forEach((property, value) -> {
            if (("integer".equals(value.getType()) || "number".equals(value.getType()))
                    && (value.getMinimum() == null || value.getMaximum() == null)) {
                open.add(name + "." + property);
            }
        }));
        CONTRACT.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            for (Parameter parameter : parameters(item, operation)) {
                Schema<?> schema = parameter.getSchema();
                if (schema != null && "integer".equals(schema.getType()) && (schema.getMinimum() == null || schema.getMaximum() == null)) {
                    open.add(method + " " + path + " ?" + parameter.getName());
                }
            }
        }));
        assertThat(open).as("numbers a request sends without a minimum and a maximum").isEmpty();
    }

    /** Beyond the range every date takes (info: 1900 to 2999), each date a request sends says which days it takes. */
    @Test
    void everyDateARequestSendsSaysWhichDaysItTakes() {
        List<String> silent = new ArrayList<>();
        requestSchemas().forEach((name, schema) -> properties(schema).forEach((property, value) -> {
            boolean date = "date".equals(value.getFormat()) || "date-time".equals(value.getFormat());
            if (date && (value.getDescription() == null || value.getDescription().isBlank())) {
                silent.add(name + "." + property);
            }
        }));
        assertThat(silent).as("dates in requests without a description of the days they take").isEmpty();
    }

    @Test
    void everyRequestBodyRefusesPropertiesItDoesNotTake() {
        List<String> open = new ArrayList<>();
        requestSchemas().forEach((name, schema) -> {
            if ("object".equals(schema.getType()) && !Boolean.FALSE.equals(schema.getAdditionalProperties())) {
                open.add(name);
            }
        });
        assertThat(open).as("request schemas without additionalProperties: false").isEmpty();
    }

    /** A generated client names its methods by operationId: one for every operation, each once, in camelCase. */
    @Test
    void everyOperationHasItsOwnOperationId() {
        List<String> ids = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        CONTRACT.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (operation.getOperationId() == null || !operation.getOperationId().matches("[a-z][A-Za-z0-9]*")) {
                missing.add(method + " " + path);
            } else {
                ids.add(operation.getOperationId());
            }
        }));
        assertThat(missing).as("operations without a camelCase operationId").isEmpty();
        assertThat(ids).as("operationIds").doesNotHaveDuplicates();
    }

    @Test
    void everySchemaSaysWhatItIs() {
        List<String> silent = new ArrayList<>();
        CONTRACT.getComponents().getSchemas().forEach((name, schema) -> {
            if (schema.getDescription() == null || schema.getDescription().isBlank()) {
                silent.add(name);
            }
        });
        assertThat(silent).as("schemas without a description").isEmpty();
    }

    @Test
    void everyNewPasswordFitsWhatBcryptReads() {
        List<String> wrong = new ArrayList<>();
        CONTRACT.getComponents().getSchemas().forEach((name, schema) -> properties(schema).forEach((property, value) -> {
            boolean newPassword = "password".equals(value.getFormat()) && !name.equals("Login") && !property.equals("currentPassword");
            if (newPassword && (!Integer.valueOf(10).equals(value.getMinLength()) || !Integer.valueOf(72).equals(value.getMaxLength()))) {
                wrong.add(name + "." + property);
            }
        }));
        assertThat(wrong).as("new passwords without minLength 10 and maxLength 72").isEmpty();
    }

    private static List<Parameter> parameters(PathItem item, Operation operation) {
        List<Parameter> all = new ArrayList<>();
        for (List<Parameter> list : new ArrayList<>(java.util.Arrays.asList(item.getParameters(), operation.getParameters()))) {
            if (list != null) {
                list.forEach(p -> all.add(p.get$ref() == null ? p
                        : CONTRACT.getComponents().getParameters().get(p.get$ref().substring(p.get$ref().lastIndexOf('/') + 1))));
            }
        }
        return all;
    }

    /** Schemas a request body names, and the schemas they name in turn. */
    private static Map<String, Schema<?>> requestSchemas() {
        Set<String> names = new TreeSet<>();
        CONTRACT.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (operation.getRequestBody() != null) {
                operation.getRequestBody().getContent().values().forEach(media -> collect(media.getSchema(), names));
            }
        }));
        Map<String, Schema<?>> schemas = new java.util.TreeMap<>();
        names.forEach(name -> schemas.put(name, schema(name)));
        return schemas;
    }

    private static void collect(Schema<?> schema, Set<String> names) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            if (names.add(name)) {
                collect(schema(name), names);
            }
            return;
        }
        properties(schema).values().forEach(value -> collect(value, names));
        collect(schema.getItems(), names);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Schema<?> schema(String name) {
        return (Schema) CONTRACT.getComponents().getSchemas().get(name);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, Schema<?>> properties(Schema<?> schema) {
        return schema.getProperties() == null ? Map.of() : (Map) schema.getProperties();
    }
}
