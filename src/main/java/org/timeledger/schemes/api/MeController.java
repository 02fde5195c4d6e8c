package org.timeledger.schemes.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import org.timeledger.ledger.view.PostingsCsv;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Roles;
import org.timeledger.query.Page;
import org.timeledger.ledger.view.LedgerViews.StatementLineView;
import org.timeledger.schemes.api.MeService.MeView;
import org.timeledger.support.Secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.timeledger.schemes.CardQr;

/**
 * The members' app: who I am and what I hold. {@code GET /v1/me} carries an ETag, so a phone
 * polling for its balance gets 304 Not Modified, without a body, while nothing has changed.
 */
@Controller("/v1/me")
@Secured(Roles.MEMBER)
@ExecuteOn(TaskExecutors.BLOCKING)
public class MeController {
    /**
     * The member's own device may keep its copy, to ask again with If-None-Match and get 304;
     * no shared cache may keep it, and no copy is used without asking (every other personal
     * answer is no-store: see SecurityHeaders).
     */
    static final String REVALIDATE = "private, no-cache";

    private final MeService me;
    private final JsonMapper json;

    public MeController(MeService me, JsonMapper json) {
        this.me = me;
        this.json = json;
    }

    @Get
    public HttpResponse<MeView> me(HttpRequest<?> request, Caller caller) {
        MeView view = me.view(caller);
        String etag = etag(view);
        if (matches(request.getHeaders().get(HttpHeaders.IF_NONE_MATCH), etag)) {
            // a 304 carries the caching headers the 200 would have (RFC 9110 §15.4.5), or a
            // cache would take the default no-store for an order to drop its copy
            return HttpResponse.<MeView>notModified().header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, REVALIDATE);
        }
        return HttpResponse.ok(view).header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, REVALIDATE);
    }

    /** The member's card as a QR code, to show at a till from their phone. */
    @Get(value = "/card/qr", produces = "image/svg+xml")
    public HttpResponse<String> cardQr(Caller caller) {
        return CardQr.of(me.member(caller));
    }

    /** JSON pages, or the whole statement as CSV ({@code ?format=csv} or {@code Accept: text/csv}). */
    @Get(value = "/postings", produces = {MediaType.APPLICATION_JSON, PostingsCsv.TEXT_CSV})
    public HttpResponse<?> postings(HttpRequest<?> request, Caller caller, @Nullable @QueryValue Integer limit,
                                    @Nullable @QueryValue String cursor, @Nullable @QueryValue String format) {
        if (PostingsCsv.wanted(request, format)) {
            MeService.Whole whole = me.wholeStatement(caller);
            return PostingsCsv.response(whole.lines(), whole.accountId());
        }
        return HttpResponse.ok(me.statement(caller, limit, cursor)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private String etag(MeView view) {
        try {
            return "\"" + Secrets.sha256Hex(new String(json.writeValueAsBytes(view), StandardCharsets.UTF_8)).substring(0, 32) + "\"";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** If-None-Match: {@code *}, or a list of tags, weak ones (W/) compared as equal. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
