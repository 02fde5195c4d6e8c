package org.timeledger.access;

import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.ExecutorService;

/** Tills authenticate with {@code X-API-Key}; the key is looked up off the event loop. */
@Singleton
public class ApiKeyAuthentication implements AuthenticationFetcher<HttpRequest<?>> {
    public static final String HEADER = "X-API-Key";

    private final ApiKeys keys;
    private final Scheduler blocking;

    public ApiKeyAuthentication(ApiKeys keys, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.keys = keys;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        String presented = request.getHeaders().get(HEADER);
        if (presented == null || presented.isBlank()) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> keys.authenticate(presented).orElse(null)).subscribeOn(blocking);
    }
}
