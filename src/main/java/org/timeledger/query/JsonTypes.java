package org.timeledger.query;

import io.micronaut.json.tree.JsonNode;

/** Names of JSON value types, for messages about a value of the wrong type. */
public final class JsonTypes {
    private JsonTypes() {
    }

    public static String describe(JsonNode node) {
        if (node.isString()) {
            return "text";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return node.getBooleanValue() ? "true" : "false";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return "null";
    }
}
