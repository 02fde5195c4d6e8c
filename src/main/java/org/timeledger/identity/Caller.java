package org.timeledger.identity;

import io.micronaut.security.authentication.Authentication;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Who is calling, as every access check needs it: the principal's id (a user or an API key),
 * their role, their scheme (null only for an administrator of every scheme), a coordinator's
 * organisations, a member's member id, a till's partner id.
 */
public record Caller(String principalId, Role role, String schemeId, Set<String> organisationIds,
                     String memberId, String partnerId) {

    // the names under which these travel in tokens (JWT claims) and API-key authentications
    public static final String PRINCIPAL_ID = "uid";
    public static final String SCHEME_ID = "schemeId";
    public static final String ORGANISATION_IDS = "orgIds";
    public static final String MEMBER_ID = "memberId";
    public static final String PARTNER_ID = "partnerId";
    public static final String SESSION_EPOCH = "se";
    /** The login (one sign-in on one device) a user's token belongs to: logging out ends it. */
    public static final String LOGIN_ID = "lid";

    public static Caller of(Authentication authentication) {
        var attributes = authentication.getAttributes();
        Role role = authentication.getRoles().stream().findFirst().map(Role::valueOf)
                .orElseThrow(() -> new IllegalStateException("a principal without a role"));
        Object organisations = attributes.get(ORGANISATION_IDS);
        Set<String> organisationIds = organisations instanceof Collection<?> list
                ? Set.copyOf(list.stream().map(String::valueOf).toList())
                : Set.of();
        return new Caller(String.valueOf(attributes.getOrDefault(PRINCIPAL_ID, authentication.getName())), role,
                text(attributes.get(SCHEME_ID)), organisationIds, text(attributes.get(MEMBER_ID)),
                text(attributes.get(PARTNER_ID)));
    }

    /** An administrator of every scheme: the bootstrap admin. */
    public boolean allSchemes() {
        return role == Role.ADMIN && schemeId == null;
    }

    public boolean inScheme(String id) {
        return allSchemes() || id.equals(schemeId);
    }

    public boolean is(Role... roles) {
        return List.of(roles).contains(role);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
