package org.timeledger.access;

import org.timeledger.support.Filled;
import org.timeledger.support.NameText;
import org.timeledger.support.NoteText;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import org.timeledger.web.NullMeans;

/** Request bodies of the access feature. */
public final class AccessRequests {
    static final String USERNAME = "[A-Za-z0-9._@-]{3,100}";
    static final String USERNAME_RULE = "must be 3-100 letters, digits, dots, dashes, underscores or @";

    private AccessRequests() {
    }

    @Serdeable
    public record Logout(@JsonProperty("refresh_token") @NotNull @Filled @Size(max = 200) String refreshToken) {
    }

    @Serdeable
    public record Login(@NotNull @Filled @Size(max = 100) String username, @NotNull @Filled @Size(max = 200) String password) {
    }

    /** The roles staff can be given; members and tills get in by other means. */
    public enum StaffRole {
        ADMIN, COORDINATOR, AUDITOR
    }

    @Serdeable
    public record CreateStaff(@NotNull @Pattern(regexp = USERNAME, message = USERNAME_RULE) String username,
                              @NotNull @Size(max = 200) String password,
                              @NotNull StaffRole role,
                              @Nullable @Size(max = 50) List<@Filled @Size(max = 40) String> organisationIds,
                              @Nullable @Size(max = 40) String memberId) {
    }

    @Serdeable
    public record Activation(@NotNull @Filled @Size(max = 40) String code,
                             @NotNull @Pattern(regexp = USERNAME, message = USERNAME_RULE) String username,
                             @NotNull @Size(max = 200) String password) {
    }

    @Serdeable
    public record CreateApiKey(@NotNull @NameText @Size(max = 100) String label) {
    }

    /** The staff user's own member record, or null to unlink it. */
    @Serdeable
    public record LinkMember(@Nullable @NullMeans("forget the link: the staff user has no member record")
                             @Size(max = 40) String memberId) {
    }

    /**
     * A change of a staff user's role or organisations: a field left out stays as it is; a field
     * sent as null is refused (400), since neither can be removed. Read by {@link StaffChangeReader}.
     */
    @Introspected
    public record ChangeStaff(@Nullable StaffRole role,
                              @Nullable @Size(max = 50) List<@Filled @Size(max = 40) String> organisationIds) {
    }

    @Serdeable
    public record DeactivateStaff(@NotNull @NoteText @Size(max = 500) String reason) {
    }

    /** A staff user sets a new password with the one-time code an administrator gave them. */
    @Serdeable
    public record PasswordReset(@NotNull @Pattern(regexp = USERNAME, message = USERNAME_RULE) String username,
                                @NotNull @Filled @Size(max = 40) String code,
                                @NotNull @Size(max = 200) String newPassword) {
    }

    /** Anyone signed in changes their own password. */
    @Serdeable
    public record ChangePassword(@NotNull @Size(min = 1, max = 200) String currentPassword,
                                 @NotNull @Size(max = 200) String newPassword) {
    }
}
