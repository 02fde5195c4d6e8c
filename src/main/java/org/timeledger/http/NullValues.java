package org.timeledger.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.web.router.RouteMatch;
import jakarta.inject.Singleton;
import org.timeledger.problem.RejectedException;
import org.timeledger.problem.RejectedException.FieldError;
import org.timeledger.problem.Refusal;
import org.timeledger.web.NullMeans;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON null is not "left out". By default a property sent as null is read as if it were absent,
 * so {@code {"amountMinutes":null}} would capture a whole hold and {@code {"weeklyQuota":null}}
 * change nothing while answering 200. Here every null in a JSON body is refused with 400 naming
 * its field as the request does ({@code organisationIds[1]}), unless the request type's property
 * says what null means ({@link NullMeans}, {@code nullable: true} in openapi.yml). Driven by the
 * route's body type, so a property added later is covered without a line here. Checked by
 * {@link RequestBodies.JsonBodies} with the body it already reads: a second filter reading the
 * body trips the server's buffer when the route reads it again at once.
 */
@Singleton
public class NullValues {
    private final JsonMapper json;

    public NullValues(JsonMapper json) {
        this.json = json;
    }

    /** The refusal of the nulls in a JSON body for this route, or null when it has none it may not have. */
    @Nullable
    RejectedException refusal(HttpRequest<?> request, @Nullable RouteMatch<?> route, byte[] body) {
        if (route == null) {
            return null;
        }
        Optional<Argument<?>> argument = route.getRouteInfo().getBodyArgument();
        if (argument.isEmpty() || argument.get().getType() == byte[].class || argument.get().getType() == String.class) {
            return null;
        }
        JsonNode tree;
        try {
            tree = json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            return null; // not JSON: the body's reader says where it went wrong
        }
        List<FieldError> errors = new ArrayList<>();
        if (tree == null || tree.isNull()) {
            if (argument.get().isNullable()) {
                // where the body is optional (a capture of the whole hold), a body of null is no
                // body: it is what a client generated from openapi.yml sends when given none
                return null;
            }
            errors.add(new FieldError("body", "may not be null: send a JSON object"));
        } else {
            refused(tree, argument.get(), "", request.getMethod() == HttpMethod.PATCH, errors);
        }
        if (errors.isEmpty()) {
            return null;
        }
        errors.sort(Comparator.comparing(FieldError::field));
        String detail = String.join("; ", errors.stream().map(e -> e.field() + " " + e.message()).toList()) + ".";
        return new RejectedException(Refusal.VALIDATION_FAILED, detail, errors);
    }

    /** Adds each null under {@code node} that its property does not take, by its path in the request. */
    private static void refused(JsonNode node, Argument<?> type, String path, boolean change, List<FieldError> out) {
        if (node.isObject() && Map.class.isAssignableFrom(type.getType())) {
            // a body read as a map of parameters (the token endpoint's): no value of it is null
            Argument<?> value = type.getTypeVariable("V").orElse(Argument.OBJECT_ARGUMENT);
            for (Map.Entry<String, JsonNode> field : node.entries()) {
                String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getValue().isNull()) {
                    out.add(new FieldError(at, "may not be null: leave it out if it does not apply"));
                } else {
                    refused(field.getValue(), value, at, change, out);
                }
            }
        } else if (node.isObject()) {
            Map<String, Argument<?>> properties = JsonNames.properties(type.getType());
            for (Map.Entry<String, JsonNode> field : node.entries()) {
                Argument<?> property = properties.get(field.getKey());
                if (property == null) {
                    continue; // unknown: the body's reader refuses it by name
                }
                String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getValue().isNull()) {
                    if (!property.getAnnotationMetadata().hasAnnotation(NullMeans.class)) {
                        out.add(new FieldError(at, notNull(property, change)));
                    }
                } else {
                    refused(field.getValue(), property, at, change, out);
                }
            }
        } else if (node.isArray() && Iterable.class.isAssignableFrom(type.getType())) {
            Argument<?> element = type.getFirstTypeVariable().orElse(Argument.OBJECT_ARGUMENT);
            int i = 0;
            for (JsonNode item : node.values()) {
                String at = path + "[" + i++ + "]";
                if (item.isNull()) {
                    out.add(new FieldError(at, "may not be null"));
                } else {
                    refused(item, element, at, change, out);
                }
            }
        }
    }

    private static String notNull(Argument<?> property, boolean change) {
        if (!property.isNullable()) {
            return "is required and may not be null";
        }
        return change ? "may not be null: leave it out to keep it as it is"
                : "may not be null: leave it out if it does not apply";
    }
}
