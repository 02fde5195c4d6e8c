package org.timeledger.access;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timeledger.support.Clocks;
import org.timeledger.support.Ids;
import org.timeledger.support.SqlErrors;

import java.time.Clock;
import org.timeledger.identity.Roles;

/**
 * Creates the administrator {@code admin} on first start from TIMELEDGER_ADMIN_PASSWORD. An
 * existing admin is left as it is: changing the variable later does not change the password.
 */
@Context
public class AdminBootstrap {
    public static final String ADMIN_USERNAME = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserRepository users;
    private final Passwords passwords;
    private final String adminPassword;

    private final Clock clock;

    public AdminBootstrap(UserRepository users, Passwords passwords, Clock clock,
                          @Value("${timeledger.admin-password:}") String adminPassword) {
        this.clock = clock;
        this.users = users;
        this.passwords = passwords;
        this.adminPassword = adminPassword;
    }

    @PostConstruct
    void createAdmin() {
        if (users.findByUsername(ADMIN_USERNAME).isPresent()) {
            return;
        }
        if (adminPassword == null || adminPassword.isEmpty()) {
            LOG.warn("No administrator exists yet and TIMELEDGER_ADMIN_PASSWORD is not set: nobody can log in. "
                    + "Restart with TIMELEDGER_ADMIN_PASSWORD set to create the user 'admin'.");
            return;
        }
        String problem = Passwords.problemWith(adminPassword);
        if (problem != null) {
            throw new ConfigurationException("TIMELEDGER_ADMIN_PASSWORD " + problem + ".");
        }
        try {
            users.save(AppUser.create(Ids.newId("usr"), ADMIN_USERNAME, passwords.hash(adminPassword), Roles.ADMIN, null, null,
                    Clocks.now(clock)));
            LOG.info("Created the administrator '{}' from TIMELEDGER_ADMIN_PASSWORD.", ADMIN_USERNAME);
        } catch (RuntimeException e) {
            // another instance sharing the database created it first
            if (!SqlErrors.isUniqueViolation(e)) {
                throw e;
            }
        }
    }
}
