package org.timeledger.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.problem.ProblemErrorResponseProcessor;
import io.micronaut.problem.conf.ProblemConfiguration;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.annotation.Body;
import io.micronaut.json.JsonSyntaxException;
import jakarta.inject.Singleton;
import org.timeledger.operations.Metrics;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.zalando.problem.Problem;
import org.zalando.problem.ThrowableProblem;
import org.timeledger.web.Problems;
import org.timeledger.web.RequestIds;
import org.timeledger.problem.Refusal;
import io.micronaut.web.router.exceptions.DuplicateRouteException;

/**
 * micronaut-problem-json's processor, with our {@code code}, {@code type} and request id on
 * the errors the framework raises itself (unknown route, unreadable body, missing token...).
 * Every problem+json response, ours ({@link #respond}) and the framework's, is made here, so
 * here each is counted by its code.
 */
@Singleton
@Replaces(ProblemErrorResponseProcessor.class)
public class ProblemResponses extends ProblemErrorResponseProcessor {
    private final Metrics metrics;
    private final HttpLayerRefusals httpLayer;
    private final SecurityHeaders securityHeaders;

    public ProblemResponses(ProblemConfiguration config, Metrics metrics, HttpLayerRefusals httpLayer,
                            SecurityHeaders securityHeaders) {
        super(config);
        this.metrics = metrics;
        this.httpLayer = httpLayer;
        this.securityHeaders = securityHeaders;
    }

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        Throwable unread = HttpLayerRefusals.unread(context.getRequest());
        if (unread != null && !(context.getRootCause().orElse(null) instanceof ThrowableProblem)) {
            // refused by the HTTP layer, where no filter runs: our problem, request id and access log line
            return httpLayer.finish(context.getRequest(), respond(context.getRequest(), httpLayer.problem(context.getRequest(), unread)));
        }
        if (context.getRootCause().orElse(null) instanceof DuplicateRouteException) {
            // a path served by two routes told apart by Content-Type (the register: JSON or CSV),
            // asked without one: route matching fails before any filter has given the request its id
            var request = context.getRequest();
            String id = RequestIds.identify(request);
            MutableHttpResponse<Problem> problem = respond(request, Problems.of(request, Refusal.UNSUPPORTED_MEDIA_TYPE,
                    "Send the body with its Content-Type: application/json, or text/csv for a register uploaded as a spreadsheet.",
                    java.util.List.of()));
            problem.header(RequestIds.HEADER, id);
            return problem;
        }
        MutableHttpResponse<Problem> problem = super.processResponse(context, response);
        // here as well as in their filter: an address the framework cannot parse (/%zz) fails the
        // filter chain, and its problem is made after the filter has let go
        securityHeaders.add(problem, false);
        // a HEAD request's error has no body: its code is the status's
        Object code = problem.getBody().map(p -> p.getParameters().get("code")).orElse(null);
        metrics.rejected(code != null ? code.toString() : Problems.codeFor(HttpStatus.valueOf(problem.code())));
        return problem;
    }

    @Override
    protected ThrowableProblem defaultProblem(ErrorContext context, HttpStatus status) {
        var builder = Problems.builder(context.getRequest(), status, Problems.codeFor(status), status.getReason());
        // messages about the request (a bad value, an unknown route) help the caller; those of
        // a server error may leak internals and stay in the log
        if (!context.getErrors().isEmpty() && status.getCode() < 500) {
            builder.withDetail(describe(context.getRootCause().orElse(null), context.getErrors().get(0).getMessage()));
        }
        return builder.build();
    }

    private static final Pattern LOCATION = Pattern.compile("\\s*\\n?\\s*at \\[Source:.*?line: (\\d+), column: (\\d+)]", Pattern.DOTALL);
    private static final Pattern JAVA_TYPE = Pattern.compile("Cannot deserialize value of type `[^`]*` due to: ");

    /**
     * A sentence for the person who sent a request the framework could not read: where it went
     * wrong and why, without the parser's internals or our class names.
     */
    static String describe(Throwable cause, String message) {
        if (cause instanceof JsonSyntaxException) {
            return "The body is not valid JSON" + location(message) + ".";
        }
        if (cause instanceof ConversionErrorException conversion) {
            String reason = plain(conversion.getConversionError().getCause().getMessage());
            if (conversion.getArgument().getAnnotationMetadata().hasAnnotation(Body.class)) {
                return "The body could not be read: " + reason + location(conversion.getConversionError().getCause().getMessage()) + ".";
            }
            Object value = conversion.getConversionError().getOriginalValue().orElse("");
            return "The value '" + value + "' of " + conversion.getArgument().getName() + " is not valid: "
                    + expected(conversion.getArgument().getType(), reason) + ".";
        }
        return plain(message);
    }

    /** What a query or path value of this type must look like, in words (the parser's own message for other types). */
    private static String expected(Class<?> type, String reason) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "it must be a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "it must be true or false";
        }
        return reason;
    }

    private static String plain(String message) {
        if (message == null) {
            return "";
        }
        String text = LOCATION.matcher(message).replaceAll("");
        text = JAVA_TYPE.matcher(text).replaceAll("").strip();
        // the framework's own sentences, which name its types and annotations, in the service's words
        text = UNKNOWN_PROPERTY.matcher(text).replaceAll("it has a property this request does not take: $1");
        text = MISSING_BODY.matcher(text).replaceAll("The request needs a body, and it had none.");
        text = MISSING_VALUE.matcher(text).replaceAll("$2 is required");
        return NO_SUCH_CONSTANT.matcher(text).replaceAll("'$1' is not one of the values it takes");
    }

    private static final Pattern UNKNOWN_PROPERTY =
            Pattern.compile("Unknown property \\[([^\\]]*)] encountered during deserialization of type: .*", Pattern.DOTALL);
    private static final Pattern MISSING_BODY = Pattern.compile("Required Body \\[[^\\]]*] not specified");
    private static final Pattern MISSING_VALUE = Pattern.compile("Required (QueryValue|Header|PathVariable|argument) \\[([^\\]]*)] not specified");
    private static final Pattern NO_SUCH_CONSTANT = Pattern.compile("No enum constant (?:[\\w$]+\\.)+([\\w$]+)");

    private static String location(String message) {
        Matcher m = LOCATION.matcher(message == null ? "" : message);
        return m.find() ? " (line " + m.group(1) + ", column " + m.group(2) + ")" : "";
    }

    /** The response for a problem we built ourselves. */
    public MutableHttpResponse<Problem> respond(io.micronaut.http.HttpRequest<?> request, ThrowableProblem problem) {
        HttpStatus status = HttpStatus.valueOf(problem.getStatus().getStatusCode());
        return processResponse(ErrorContext.builder(request).cause(problem).build(), HttpResponse.status(status));
    }
}
