-- Access for every user (issue 3): members' and staff logins, coordinators' organisations,
-- activation codes, tills' API keys, refresh tokens, failed logins, and who an entry was
-- posted on behalf of.

-- A member's login is an app_user with role MEMBER and member_id set. A NULL password_hash
-- means the login is disabled until the member activates with a new code.
ALTER TABLE app_user ADD COLUMN member_id VARCHAR(40) REFERENCES member (id);
ALTER TABLE app_user ADD CONSTRAINT app_user_member_unique UNIQUE (member_id);
ALTER TABLE app_user ALTER COLUMN password_hash DROP NOT NULL;

-- The organisations a coordinator acts for.
CREATE TABLE staff_organisation (
    user_id         VARCHAR(40) NOT NULL REFERENCES app_user (id),
    organisation_id VARCHAR(40) NOT NULL REFERENCES organisation (id),
    PRIMARY KEY (user_id, organisation_id)
);

-- One-time codes a member activates their login with: only a hash is stored.
CREATE TABLE activation_code (
    id         VARCHAR(40) NOT NULL PRIMARY KEY,
    member_id  VARCHAR(40) NOT NULL REFERENCES member (id),
    code_hash  CHAR(64)    NOT NULL,
    created_by VARCHAR(40) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT activation_code_hash_unique UNIQUE (code_hash)
);
CREATE INDEX activation_code_member ON activation_code (member_id);

-- Tills' keys: the key is shown once; only a hash of its secret part is stored.
CREATE TABLE api_key (
    id           VARCHAR(40)  NOT NULL PRIMARY KEY,
    partner_id   VARCHAR(40)  NOT NULL REFERENCES partner (id),
    scheme_id    VARCHAR(40)  NOT NULL REFERENCES scheme (id),
    label        VARCHAR(100) NOT NULL,
    secret_hash  CHAR(64)     NOT NULL,
    created_by   VARCHAR(40)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX api_key_partner ON api_key (partner_id, id);

-- Refresh tokens that keep a phone signed in; revocable; only a hash is stored.
CREATE TABLE refresh_token (
    token_hash CHAR(64)    NOT NULL PRIMARY KEY,
    user_id    VARCHAR(40) NOT NULL REFERENCES app_user (id),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX refresh_token_user ON refresh_token (user_id);

-- Failed logins per username, for the lockout; rows older than the window are deleted.
CREATE TABLE login_failure (
    username  VARCHAR(100) NOT NULL,
    failed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX login_failure_username ON login_failure (username, failed_at);

-- When a coordinator or administrator moves a member's credits, the member; the actor
-- column holds the acting principal's id (a user or an API key).
ALTER TABLE journal_entry ADD COLUMN on_behalf_of VARCHAR(40);
