package org.timeledger.console;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The web console's first page, at the service's own address. Its scripts and styles are served
 * from {@code /console/...} (application.yml, static resources) and speak to the REST API as
 * any client does, with the signed-in person's token: the console has no powers of its own.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public class ConsoleController {
    private static final MediaType HTML = MediaType.of("text/html;charset=utf-8");

    private final byte[] page;

    public ConsoleController() {
        try (InputStream in = ConsoleController.class.getResourceAsStream("/console/index.html")) {
            if (in == null) {
                throw new IllegalStateException("console/index.html is missing from the build");
            }
            page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(produces = "text/html")
    public HttpResponse<byte[]> page() {
        return HttpResponse.ok(page).contentType(HTML);
    }
}
