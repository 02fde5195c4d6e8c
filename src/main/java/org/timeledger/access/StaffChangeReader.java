package org.timeledger.access;

import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;
import org.timeledger.query.JsonTypes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a change of a staff user ({@code PATCH /v1/staff/{id}}): a field left out stays as it
 * is, and one sent as null is refused rather than taken as "leave it", so that a client that
 * means to clear something learns it cannot. Unknown fields, and values of the wrong type, are
 * refused as for every body.
 */
@Singleton
public class StaffChangeReader implements Deserializer<AccessRequests.ChangeStaff> {
    @Override
    public AccessRequests.ChangeStaff deserialize(Decoder decoder, DecoderContext context,
                                                  Argument<? super AccessRequests.ChangeStaff> type) throws IOException {
        JsonNode node = decoder.decodeNode();
        if (!node.isObject()) {
            throw new SerdeException("The body must be a JSON object, not " + JsonTypes.describe(node));
        }
        AccessRequests.StaffRole role = null;
        List<String> organisations = null;
        for (Map.Entry<String, JsonNode> field : node.entries()) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "role" -> role = role(value);
                case "organisationIds" -> organisations = organisations(value);
                default -> throw new SerdeException("Unknown property [" + field.getKey() + "]: a change of staff takes "
                        + "role and organisationIds only");
            }
        }
        return new AccessRequests.ChangeStaff(role, organisations);
    }

    private static AccessRequests.StaffRole role(JsonNode value) throws SerdeException {
        if (value.isNull()) {
            throw new SerdeException("role cannot be null: leave it out to keep the role as it is");
        }
        if (!value.isString()) {
            throw new SerdeException("role must be ADMIN, COORDINATOR or AUDITOR, not " + JsonTypes.describe(value));
        }
        try {
            return AccessRequests.StaffRole.valueOf(value.getStringValue());
        } catch (IllegalArgumentException e) {
            throw new SerdeException("role must be ADMIN, COORDINATOR or AUDITOR");
        }
    }

    private static List<String> organisations(JsonNode value) throws SerdeException {
        if (value.isNull()) {
            throw new SerdeException("organisationIds cannot be null: leave it out to keep the organisations as they are");
        }
        if (!value.isArray()) {
            throw new SerdeException("organisationIds must be an array of organisation ids, not " + JsonTypes.describe(value));
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode item : value.values()) {
            if (!item.isString()) {
                throw new SerdeException("organisationIds must hold organisation ids (text), not " + JsonTypes.describe(item));
            }
            ids.add(item.getStringValue());
        }
        return ids;
    }

    @Override
    public AccessRequests.ChangeStaff deserializeNullable(Decoder decoder, DecoderContext context,
                                                          Argument<? super AccessRequests.ChangeStaff> type) throws IOException {
        if (decoder.decodeNull()) {
            throw new SerdeException("The body must be a JSON object, not null");
        }
        return deserialize(decoder, context, type);
    }
}
