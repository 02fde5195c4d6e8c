package org.timeledger.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.web.router.RouteMatch;
import org.timeledger.problem.RejectedException;
import org.timeledger.problem.RejectedException.FieldError;
import org.timeledger.problem.Refusal;
import org.timeledger.web.NullMeans;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON null is not "left out". By default a property sent as null is read as if it were absent,
 * so {@code {"amountMinutes":null}} would capture a whole hold and {@code {"weeklyQuota":null}}
 * change nothing while answering 200. Here every null in a JSON body is refused with 400 naming
 * its field as the request does ({@code organisationIds[1]}), unless the request type's property
 * says what null means ({@link NullMeans}, {@code nullable: true} in openapi.yml). Driven by the
 * route's body type, so a property added later is covered without a line here. Runs after
 * authentication, so a caller with no credentials is still told 401 first.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class NullValues implements Ordered {
    private final ProblemHandlers.Rejections rejections;
    private final JsonMapper json;

    public NullValues(ProblemHandlers.Rejections rejections, JsonMapper json) {
        this.rejections = rejections;
        this.json = json;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> refuseNulls(HttpRequest<?> request, @Nullable RouteMatch<?> route, @Nullable @Body byte[] body) {
        String type = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
        if (route == null || body == null || body.length == 0 || type == null || !RequestBodies.isJson(type)) {
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
            errors.add(new FieldError("body", argument.get().isNullable()
                    ? "may not be null: send a JSON object, or no body at all" : "may not be null: send a JSON object"));
        } else {
            refused(tree, argument.get(), "", request.getMethod() == HttpMethod.PATCH, errors);
        }
        if (errors.isEmpty()) {
            return null;
        }
        errors.sort(java.util.Comparator.comparing(FieldError::field));
        String detail = String.join("; ", errors.stream().map(e -> e.field() + " " + e.message()).toList()) + ".";
        return rejections.handle(request, new RejectedException(Refusal.VALIDATION_FAILED, detail, errors));
    }

    /** Adds each null under {@code node} that its property does not take, by its path in the request. */
    private static void refused(JsonNode node, Argument<?> type, String path, boolean change, List<FieldError> out) {
        if (node.isObject()) {
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

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after() - 3;
    }
}
