package org.timeledger.web;

import org.timeledger.problem.Refusal;
import org.timeledger.problem.ProblemCode;
import org.timeledger.ledger.model.Rejection;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.problem.HttpStatusType;
import org.timeledger.problem.RejectedException;
import org.timeledger.problem.RejectedException.FieldError;
import org.timeledger.ledger.model.Rejection;
import org.zalando.problem.Problem;
import org.zalando.problem.ProblemBuilder;
import org.zalando.problem.ThrowableProblem;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The one place where failures become HTTP: a rejection's status, and the problem+json body
 * (RFC 9457) every error response carries, with a stable {@code code} and the request id.
 */
public final class Problems {
    private Problems() {
    }

    public static HttpStatus status(ProblemCode code) {
        if (code instanceof Rejection rejection) {
            return switch (rejection) {
                case ALREADY_REVERSED, HOLD_EXPIRED, HOLD_NOT_OPEN -> HttpStatus.CONFLICT;
                case AMOUNT_MUST_BE_POSITIVE, AMOUNT_TOO_LARGE, ACCOUNTS_MUST_BE_DIFFERENT, POSTINGS_MUST_BALANCE,
                     ACCOUNT_NOT_FOUND, TYPE_NOT_ALLOWED_FOR_ACCOUNTS, REVERSAL_NOT_REVERSIBLE, REVERSAL_NOT_ALLOWED,
                     INSUFFICIENT_CREDITS, BALANCE_OVERFLOW, CAPTURE_EXCEEDS_HELD -> HttpStatus.UNPROCESSABLE_ENTITY;
            };
        }
        return switch ((Refusal) code) {
            case VALIDATION_FAILED, IDEMPOTENCY_KEY_MISSING -> HttpStatus.BAD_REQUEST;
            case TOO_MANY_ATTEMPTS, RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case REQUEST_ENTITY_TOO_LARGE -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
            case URI_TOO_LONG -> HttpStatus.REQUEST_URI_TOO_LONG;
            case HEADERS_TOO_LARGE -> HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
            case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case IDEMPOTENCY_KEY_IN_FLIGHT, SCHEME_CODE_TAKEN, USERNAME_TAKEN, ACTIVITY_ALREADY_DECIDED, ACTIVITY_NOT_APPROVED,
                 CATEGORY_CODE_TAKEN,
                 QUOTA_EXHAUSTED, MEMBER_ERASED, MEMBER_INACTIVE, PAYMENT_REQUEST_DECIDED, PAYMENT_REQUEST_EXPIRED, LISTING_CLOSED,
                 LISTING_EXPIRED, STAFF_INACTIVE, LAST_ADMINISTRATOR -> HttpStatus.CONFLICT;
            case ACTIVATION_CODE_INVALID, PASSWORD_RESET_CODE_INVALID, RECIPIENT_NOT_FOUND, IDEMPOTENCY_KEY_REUSED, RULE_VIOLATED, REFUND_EXCEEDS_CAPTURED,
                 OFFER_NOT_AVAILABLE, CARD_BLOCKED, MEMBER_NOT_FOUND -> HttpStatus.UNPROCESSABLE_ENTITY;
            case SERVICE_BUSY, DATABASE_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /** The code of an error the framework raised before any of our code ran (bad route, bad JSON, ...). */
    public static String codeFor(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> Refusal.VALIDATION_FAILED.code();
            case UNAUTHORIZED -> Refusal.UNAUTHORIZED.code();
            case FORBIDDEN -> Refusal.FORBIDDEN.code();
            case NOT_FOUND -> Refusal.NOT_FOUND.code();
            case INTERNAL_SERVER_ERROR -> "internal_error";
            default -> status.getReason().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        };
    }

    public static ThrowableProblem of(HttpRequest<?> request, ProblemCode rejection, String detail, List<FieldError> errors) {
        return builder(request, rejection, detail, errors).build();
    }

    public static ThrowableProblem of(HttpRequest<?> request, RejectedException e) {
        ProblemBuilder builder = builder(request, e.rejection(), e.detail(), e.errors());
        if (e.rule() != null) {
            builder.with("rule", e.rule());
        }
        if (!e.lines().isEmpty()) {
            builder.with("lines", e.lines().stream().map(l -> new ProblemLine(l.line(), l.rule(), l.message())).toList());
        }
        return builder.build();
    }

    private static ProblemBuilder builder(HttpRequest<?> request, ProblemCode rejection, String detail, List<FieldError> errors) {
        ProblemBuilder builder = builder(request, status(rejection), rejection.code(), rejection.title()).withDetail(detail);
        if (!errors.isEmpty()) {
            builder.with("errors", errors.stream().map(e -> new ProblemField(e.field(), e.message())).toList());
        }
        return builder;
    }

    public static ProblemBuilder builder(HttpRequest<?> request, HttpStatus status, String code, String title) {
        ProblemBuilder builder = Problem.builder()
                .withType(URI.create("/problems/" + code))
                .withTitle(title)
                .withStatus(new HttpStatusType(status))
                .with("code", code);
        RequestIds.of(request).ifPresent(id -> builder.with("requestId", id));
        return builder;
    }
}
