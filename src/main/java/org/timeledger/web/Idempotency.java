package org.timeledger.web;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.timeledger.command.CommandRunner;
import org.timeledger.command.CommandRunner.Command;
import org.timeledger.command.CommandRunner.Outcome;
import org.timeledger.command.CommandRunner.StoredRefusal;
import org.timeledger.problem.RejectedException;
import org.zalando.problem.Problem;

import java.net.URI;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The web side of a request that moves credits: its Idempotency-Key header, its route and body
 * become a command for {@link CommandRunner}, which owns the transaction; the outcome becomes
 * 201 or 200, a replay is marked {@code Idempotent-Replayed: true}, and a refusal is stored as
 * the problem+json it was answered with.
 */
@Singleton
public class Idempotency {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final CommandRunner commands;

    public Idempotency(CommandRunner commands) {
        this.commands = commands;
    }

    /** What identifies a request: who sent it (a principal's id), under which key, to which route, with which body. */
    public record Call(HttpRequest<?> request, String principal, String key, Object body) {
    }

    /**
     * Runs {@code effect} once per key and answers 201 Created with its result; a repeat of the
     * same call gets the stored answer.
     */
    public <T> MutableHttpResponse<T> created(Call call, Class<T> type, Function<T, String> location, Supplier<T> effect) {
        return once(call, HttpStatus.CREATED, type, location, effect);
    }

    /**
     * Runs {@code effect} once per key and answers 200 OK with its result: for a change to
     * something that exists (an activity approved), not a new resource.
     */
    public <T> MutableHttpResponse<T> ok(Call call, Class<T> type, Supplier<T> effect) {
        return once(call, HttpStatus.OK, type, null, effect);
    }

    private <T> MutableHttpResponse<T> once(Call call, HttpStatus status, Class<T> type, Function<T, String> location,
                                            Supplier<T> effect) {
        HttpRequest<?> request = call.request();
        Command<T> command = new Command<>(call.principal(), call.key(), request.getMethodName() + " " + request.getPath(),
                call.body(), type, status.getCode(), effect);
        Outcome<T> outcome = commands.run(command, refused -> refusal(request, refused));
        MutableHttpResponse<T> response = HttpResponse.<T>status(HttpStatus.valueOf(outcome.status())).body(outcome.result());
        if (outcome.replayed()) {
            response.header(REPLAYED_HEADER, "true");
        }
        if (location != null && outcome.status() == HttpStatus.CREATED.getCode()) {
            response.header("Location", location.apply(outcome.result()));
        }
        return response;
    }

    /** A refusal as it is kept for repeats: its status and problem+json (with the request's id, when there is a request). */
    public StoredRefusal refusal(@Nullable HttpRequest<?> request, RejectedException refused) {
        return new StoredRefusal(Problems.status(refused.rejection()).getCode(),
                commands.write((Problem) Problems.of(request, refused), Argument.of(Problem.class)));
    }
}
