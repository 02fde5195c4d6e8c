-- Managing a scheme's staff (docs/api-guide.md, "Managing staff").

-- A staff user who was deactivated (left the organisation, say): their login is refused and
-- their sessions end; their username, password and what they did stay, for their return and
-- for the record.
ALTER TABLE app_user ADD COLUMN deactivated_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE app_user ADD COLUMN deactivation_reason VARCHAR(500);

-- One-time codes an administrator gives a staff user who forgot their password: only a hash is
-- stored. A code is used once, lapses after its validity, is replaced by a newer one, and stops
-- working after a few refused tries (a wrong username with it).
CREATE TABLE password_reset_code (
    id            VARCHAR(40) NOT NULL PRIMARY KEY,
    user_id       VARCHAR(40) NOT NULL REFERENCES app_user (id),
    code_hash     CHAR(64)    NOT NULL,
    created_by    VARCHAR(40) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at       TIMESTAMP WITH TIME ZONE,
    refused_tries INTEGER DEFAULT 0 NOT NULL
);
CREATE INDEX password_reset_code_hash ON password_reset_code (code_hash);
CREATE INDEX password_reset_code_user ON password_reset_code (user_id);
