package org.timeledger.http;

import org.timeledger.problem.Refusal;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.problem.violations.ProblemConstraintViolationExceptionHandler;
import io.micronaut.security.errors.OauthErrorResponseException;
import io.micronaut.security.errors.OauthErrorResponseExceptionHandler;
import io.micronaut.transaction.exceptions.TransactionException;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timeledger.problem.RejectedException;
import org.timeledger.problem.RejectedException.FieldError;
import org.timeledger.problem.ProblemCode;
import org.timeledger.command.ReplayedRefusal;
import org.timeledger.web.Idempotency;
import org.timeledger.support.SqlErrors;

import java.util.Comparator;
import java.util.List;
import org.timeledger.web.Idempotency;
import org.timeledger.web.Problems;

/** Exception handlers that turn our failures into problem+json through {@link Problems}. */
public final class ProblemHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandlers.class);

    private ProblemHandlers() {
    }

    @Singleton
    @Produces(ProblemResponses.APPLICATION_PROBLEM_JSON)
    public static class Rejections implements ExceptionHandler<RejectedException, HttpResponse<?>> {
        private final ProblemResponses responses;

        public Rejections(ProblemResponses responses) {
            this.responses = responses;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, RejectedException e) {
            var response = responses.respond(request, Problems.of(request, e));
            if (e.retryAfterSeconds() != null) {
                response.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            }
            return response;
        }
    }

    /**
     * A request refused before, sent again with its Idempotency-Key: the stored problem+json is
     * the answer, as it was, marked {@code Idempotent-Replayed: true}.
     */
    @Singleton
    @Produces(ProblemResponses.APPLICATION_PROBLEM_JSON)
    public static class Replays implements ExceptionHandler<ReplayedRefusal, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, ReplayedRefusal refusal) {
            return HttpResponse.status(io.micronaut.http.HttpStatus.valueOf(refusal.status())).body(refusal.problem())
                    .contentType(ProblemResponses.APPLICATION_PROBLEM_JSON)
                    .header(Idempotency.REPLAYED_HEADER, "true");
        }
    }

    /** Bean Validation failures on request bodies and parameters: 400 validation_failed, field by field. */
    @Singleton
    @Produces(ProblemResponses.APPLICATION_PROBLEM_JSON)
    @Replaces(ProblemConstraintViolationExceptionHandler.class)
    @Requires(classes = ConstraintViolationException.class)
    public static class Violations implements ExceptionHandler<ConstraintViolationException, HttpResponse<?>> {
        private final ProblemResponses responses;

        public Violations(ProblemResponses responses) {
            this.responses = responses;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ConstraintViolationException e) {
            List<FieldError> errors = e.getConstraintViolations().stream()
                    .map(v -> new FieldError(field(v), v.getMessage()))
                    .sorted(Comparator.comparing(FieldError::field))
                    .toList();
            String detail = errors.stream().map(f -> f.field() + " " + f.message())
                    .reduce((a, b) -> a + "; " + b).orElse("The request is not valid.");
            return responses.respond(request, Problems.of(request, Refusal.VALIDATION_FAILED, detail, errors));
        }

        /**
         * The field as the request names it: its JSON property (not the code's name for it), with
         * the index of a list's element ({@code organisationIds[1]}), without the method and
         * parameter the path starts with; a parameter's own name when the value is not a body's.
         */
        static String field(ConstraintViolation<?> violation) {
            Object[] parameters = violation.getExecutableParameters();
            StringBuilder path = new StringBuilder();
            String parameter = null;
            Object current = null;
            for (Path.Node node : violation.getPropertyPath()) {
                switch (node.getKind()) {
                    case PARAMETER -> {
                        parameter = node.getName();
                        int index = node.as(Path.ParameterNode.class).getParameterIndex();
                        current = parameters != null && index < parameters.length ? parameters[index] : null;
                    }
                    case PROPERTY, CONTAINER_ELEMENT -> {
                        if (node.isInIterable()) {
                            Object key = node.getIndex() != null ? node.getIndex() : node.getKey();
                            path.append('[').append(key).append(']');
                            current = element(current, node.getIndex());
                        }
                        if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
                            String name = current == null ? node.getName() : JsonNames.property(current.getClass(), node.getName());
                            path.append(path.isEmpty() ? "" : ".").append(name);
                            current = value(current, node.getName());
                        }
                    }
                    default -> {
                    }
                }
            }
            return !path.isEmpty() ? path.toString() : parameter != null ? parameter : "body";
        }

        private static Object element(Object container, Integer index) {
            if (container instanceof List<?> list && index != null && index < list.size()) {
                return list.get(index);
            }
            return null;
        }

        @SuppressWarnings("unchecked")
        private static Object value(Object bean, String property) {
            if (bean == null) {
                return null;
            }
            return BeanIntrospector.SHARED.findIntrospection(bean.getClass())
                    .flatMap(i -> ((BeanIntrospection<Object>) i).getProperty(property))
                    .map(p -> (Object) p.get(bean)).orElse(null);
        }
    }

    /**
     * Micronaut's token endpoint reports a malformed refresh token or grant in OAuth's own format;
     * here it is a problem like every other: 401 {@code unauthorized} for a bad grant, else 400.
     */
    @Singleton
    @Produces(ProblemResponses.APPLICATION_PROBLEM_JSON)
    @Replaces(OauthErrorResponseExceptionHandler.class)
    public static class OauthErrors implements ExceptionHandler<OauthErrorResponseException, HttpResponse<?>> {
        private final ProblemResponses responses;

        public OauthErrors(ProblemResponses responses) {
            this.responses = responses;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, OauthErrorResponseException e) {
            boolean badGrant = "invalid_grant".equals(e.getError().getErrorCode());
            return responses.respond(request, Problems.of(request,
                    badGrant ? Refusal.UNAUTHORIZED : Refusal.VALIDATION_FAILED,
                    badGrant ? "This refresh token is not valid: log in again."
                            : "Send grant_type=refresh_token with the refresh_token you were given.", List.of()));
        }
    }

    /**
     * Failures of the database itself, whatever layer reports them (a statement, a commit, the
     * pool). A lock not granted in time means the service is overloaded or a transaction is
     * stuck; a connection lost or not to be had means the database is down or restarting: both
     * are 503 with Retry-After, and the caller retries with the same Idempotency-Key (which tells
     * it whether a commit got through before the connection went). Anything else stays a 500.
     */
    @Singleton
    public static class DatabaseFailures {
        private final ProblemResponses responses;

        public DatabaseFailures(ProblemResponses responses) {
            this.responses = responses;
        }

        HttpResponse<?> handle(HttpRequest<?> request, RuntimeException e) {
            String busy = SqlErrors.isLockTimeout(e) ? "Lock timeout"
                    : SqlErrors.isPoolTimeout(e) ? "No free database connection"
                    // a serialization failure or deadlock reaches here only once Transactions' retries ran out
                    : SqlErrors.isRetryable(e) ? "Retries used up (SQLSTATE " + SqlErrors.sqlState(e) + ")" : null;
            if (busy != null) {
                LOG.warn("{} serving {} {}", busy, request.getMethodName(), AccessLog.route(request));
                return retryLater(request, Refusal.SERVICE_BUSY,
                        "The service is busy; retry in a moment (with the same Idempotency-Key).", 1);
            }
            if (SqlErrors.isConnectionFailure(e)) {
                LOG.warn("Database unreachable serving {} {}: {}", request.getMethodName(), AccessLog.route(request), rootMessage(e));
                return retryLater(request, Refusal.DATABASE_UNAVAILABLE,
                        "The service cannot reach its database just now; retry in a few seconds (with the same Idempotency-Key).", 2);
            }
            LOG.error("Database failure serving {} {}", request.getMethodName(), AccessLog.route(request), e);
            return responses.respond(request, Problems.builder(request, io.micronaut.http.HttpStatus.INTERNAL_SERVER_ERROR,
                    "internal_error", "Internal Server Error").build());
        }

        private HttpResponse<?> retryLater(HttpRequest<?> request, ProblemCode rejection, String detail, int seconds) {
            var response = responses.respond(request, Problems.of(request, rejection, detail, List.of()));
            response.header("Retry-After", Integer.toString(seconds));
            return response;
        }

        private static String rootMessage(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root.getClass().getSimpleName() + ": " + root.getMessage();
        }
    }

    /** A statement failed (Micronaut Data wraps the SQLException). */
    @Singleton
    @Produces(ProblemResponses.APPLICATION_PROBLEM_JSON)
    public static class StatementFailures implements ExceptionHandler<DataAccessException, HttpResponse<?>> {
        private final DatabaseFailures failures;

        public StatementFailures(DatabaseFailures failures) {
            this.failures = failures;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, DataAccessException e) {
            return failures.handle(request, e);
        }
    }

    /** A transaction could not begin or commit (the connection went, or none could be had). */
    @Singleton
    @Produces(ProblemResponses.APPLICATION_PROBLEM_JSON)
    public static class TransactionFailures implements ExceptionHandler<TransactionException, HttpResponse<?>> {
        private final DatabaseFailures failures;

        public TransactionFailures(DatabaseFailures failures) {
            this.failures = failures;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, TransactionException e) {
            return failures.handle(request, e);
        }
    }

    /** A connection could not be prepared for a transaction (it was closed under us). */
    @Singleton
    @Produces(ProblemResponses.APPLICATION_PROBLEM_JSON)
    public static class ConnectionSetupFailures implements ExceptionHandler<ConnectionException, HttpResponse<?>> {
        private final DatabaseFailures failures;

        public ConnectionSetupFailures(DatabaseFailures failures) {
            this.failures = failures;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ConnectionException e) {
            return failures.handle(request, e);
        }
    }

    /** The pool had no connection to give within its timeout, outside a transaction. */
    @Singleton
    @Produces(ProblemResponses.APPLICATION_PROBLEM_JSON)
    public static class ConnectionFailures implements ExceptionHandler<CannotGetJdbcConnectionException, HttpResponse<?>> {
        private final DatabaseFailures failures;

        public ConnectionFailures(DatabaseFailures failures) {
            this.failures = failures;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, CannotGetJdbcConnectionException e) {
            return failures.handle(request, e);
        }
    }

    /**
     * A body that grew past the server's limit while it arrived (streamed without a length):
     * 413 like one refused by its Content-Length in {@link RequestBodies}.
     */
    @Singleton
    @Produces(ProblemResponses.APPLICATION_PROBLEM_JSON)
    @Replaces(ContentLengthExceededHandler.class)
    public static class TooLarge implements ExceptionHandler<ContentLengthExceededException, HttpResponse<?>> {
        private final ProblemResponses responses;
        private final long maxSize;

        public TooLarge(ProblemResponses responses, HttpServerConfiguration server) {
            this.responses = responses;
            this.maxSize = server.getMaxRequestSize();
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ContentLengthExceededException e) {
            return responses.respond(request, Problems.of(request, Refusal.REQUEST_ENTITY_TOO_LARGE,
                    RequestBodies.tooLarge(maxSize), List.of()));
        }
    }
}
