package org.timeledger.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.timeledger.testing.Api.object;

/**
 * The console in a real browser against the real service. Without Chromium and its driver the
 * tests are skipped, unless {@code TIMELEDGER_REQUIRE_BROWSER=1} (CI sets it: there they must run).
 */
public abstract class ConsoleTest extends ServiceTest {
    protected static final String STAFF_PASSWORD = "staff-password-1";
    protected Browser browser;

    @BeforeAll
    void startBrowser() {
        boolean required = "1".equals(System.getenv("TIMELEDGER_REQUIRE_BROWSER"));
        if (required && !Browser.available()) {
            throw new IllegalStateException("TIMELEDGER_REQUIRE_BROWSER=1 but " + Browser.CHROMIUM + " or "
                    + Browser.CHROMEDRIVER + " is missing: apt-get install chromium chromium-driver");
        }
        assumeTrue(Browser.available(), "Chromium and chromedriver are not installed");
        browser = new Browser(server.getURI());
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** Signs in through the sign-in page and waits for the first page the role sees. */
    protected void signIn(String username, String password, String firstPage) {
        browser.open("/#/sign-in").at("Sign in").type("Username", username).type("Password", password).press("Sign in").at(firstPage);
    }

    protected void signOut() {
        browser.press("Sign out").at("Sign in");
    }

    /** A staff user of the scheme with a known username and password. */
    protected String staffUser(String schemeCode, String role, String... organisationIds) {
        String username = role.toLowerCase() + "-" + schemeCode;
        var body = object("username", username, "password", STAFF_PASSWORD, "role", role);
        if (organisationIds.length > 0) {
            body.put("organisationIds", java.util.List.of(organisationIds));
        }
        expect(admin.post("/v1/schemes/" + schemeCode + "/staff", body), 201);
        return username;
    }

    protected String create(String path, Object... fields) {
        Api.Reply reply = admin.post(path, object(fields));
        expect(reply, 201);
        return reply.field("id");
    }

    protected JsonNode get(String path) {
        Api.Reply reply = admin.get(path);
        expect(reply, 200);
        return reply.json();
    }
}
