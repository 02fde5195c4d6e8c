package org.timeledger.http;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Encoder;
import io.micronaut.serde.Serializer;
import jakarta.inject.Singleton;
import org.zalando.problem.Problem;

import java.io.IOException;
import java.util.Map;

/**
 * Writes a problem as RFC 9457 wants it: extension members ({@code code}, {@code requestId},
 * {@code errors}) beside {@code type} and {@code title}, where micronaut-problem-json 3.3 with
 * Micronaut Serde would nest them under {@code parameters}.
 */
@Singleton
public class ProblemSerializer implements Serializer<Problem> {

    @Override
    public void serialize(Encoder encoder, EncoderContext context, Argument<? extends Problem> type, Problem problem)
            throws IOException {
        Encoder object = encoder.encodeObject(type);
        if (problem.getType() != null) {
            object.encodeKey("type");
            object.encodeString(problem.getType().toString());
        }
        if (problem.getTitle() != null) {
            object.encodeKey("title");
            object.encodeString(problem.getTitle());
        }
        if (problem.getStatus() != null) {
            object.encodeKey("status");
            object.encodeInt(problem.getStatus().getStatusCode());
        }
        if (problem.getDetail() != null) {
            object.encodeKey("detail");
            object.encodeString(problem.getDetail());
        }
        if (problem.getInstance() != null) {
            object.encodeKey("instance");
            object.encodeString(problem.getInstance().toString());
        }
        for (Map.Entry<String, Object> parameter : problem.getParameters().entrySet()) {
            if (parameter.getValue() == null) {
                continue;
            }
            object.encodeKey(parameter.getKey());
            write(object, context, parameter.getValue());
        }
        object.finishStructure();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void write(Encoder encoder, EncoderContext context, Object value) throws IOException {
        Argument argument = Argument.of(value.getClass());
        Serializer serializer = context.findSerializer(argument).createSpecific(context, argument);
        serializer.serialize(encoder, context, argument, value);
    }
}
