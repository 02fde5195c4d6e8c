package org.timeledger.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.config.annotation.SerdeConfig;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The names a request body's properties have in JSON, which are not always the code's
 * ({@code refresh_token} is {@code refreshToken} in the logout request), so that a refusal
 * names a field as the request did.
 */
final class JsonNames {
    private JsonNames() {
    }

    /** The JSON name of a property (or constructor argument) whose code name is {@code name}. */
    static String of(AnnotationMetadata metadata, String name) {
        return metadata.stringValue(SerdeConfig.class, SerdeConfig.PROPERTY)
                .or(() -> metadata.stringValue(JsonProperty.class))
                .filter(s -> !s.isEmpty())
                .orElse(name);
    }

    /** The properties a body of this type reads, by their JSON names; empty for a type that is not a bean. */
    static Map<String, Argument<?>> properties(Class<?> type) {
        Map<String, Argument<?>> properties = new LinkedHashMap<>();
        Optional<? extends BeanIntrospection<?>> introspection = BeanIntrospector.SHARED.findIntrospection(type);
        if (introspection.isEmpty()) {
            return properties;
        }
        Argument<?>[] arguments = introspection.get().getConstructorArguments();
        if (arguments.length > 0) {
            for (Argument<?> argument : arguments) {
                properties.put(of(argument.getAnnotationMetadata(), argument.getName()), argument);
            }
        } else {
            introspection.get().getBeanProperties().forEach(p ->
                    properties.put(of(p.getAnnotationMetadata(), p.getName()), p.asArgument()));
        }
        return properties;
    }

    /** The JSON name of the property {@code name} of {@code type}, or {@code name} itself. */
    static String property(Class<?> type, String name) {
        for (Map.Entry<String, Argument<?>> property : properties(type).entrySet()) {
            if (property.getValue().getName().equals(name)) {
                return property.getKey();
            }
        }
        return name;
    }
}
