package org.timeledger.access;

import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Role;

/**
 * Turns a user into the authentication their tokens carry: role, scheme, a coordinator's
 * organisations, a member's id. Built afresh at every login and refresh, so changes to a
 * user apply from their next token on.
 */
@Singleton
public class Principals {
    private final UserRepository users;

    public Principals(UserRepository users) {
        this.users = users;
    }

    /** The authentication of one login of the user's. */
    public Authentication of(AppUser user, String loginId) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(Caller.PRINCIPAL_ID, user.id());
        attributes.put(Caller.SESSION_EPOCH, user.sessionEpoch());
        attributes.put(Caller.LOGIN_ID, loginId);
        if (user.schemeId() != null) {
            attributes.put(Caller.SCHEME_ID, user.schemeId());
        }
        if (user.memberId() != null) {
            attributes.put(Caller.MEMBER_ID, user.memberId());
        }
        if (Role.valueOf(user.role()) == Role.COORDINATOR) {
            attributes.put(Caller.ORGANISATION_IDS, users.organisationsOf(user.id()));
        }
        return Authentication.build(user.username(), List.of(user.role()), attributes);
    }
}
