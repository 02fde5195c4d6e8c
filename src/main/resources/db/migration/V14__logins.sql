-- Logins that end (docs/reliability.md, "Sessions and logins"). Each successful login starts a
-- login; its access tokens and every refresh token rotated from it carry the login's id. Logging
-- out ends the login, so its access token stops working at the next request, not within the hour;
-- a refresh token presented a second time (a stolen copy, or the real one after a thief used it)
-- ends the whole login too.
CREATE TABLE user_login (
    id         VARCHAR(40) NOT NULL PRIMARY KEY,
    user_id    VARCHAR(40) NOT NULL REFERENCES app_user (id),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX user_login_user ON user_login (user_id);

-- Refresh tokens rotate: each is used once, then replaced by the one the refresh hands out.
ALTER TABLE refresh_token ADD COLUMN login_id VARCHAR(40);
ALTER TABLE refresh_token ADD COLUMN used_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX refresh_token_login ON refresh_token (login_id);

-- Failed logins are counted per username and client address, so that a stranger's guesses slow
-- the stranger down and never lock the user out from their own device.
ALTER TABLE login_failure ADD COLUMN client_address VARCHAR(64);
CREATE INDEX login_failure_client ON login_failure (username, client_address, failed_at);

-- An activation code refuses a taken username a few times, then stops working: one code cannot
-- be used to find out which usernames exist.
ALTER TABLE activation_code ADD COLUMN refused_tries INTEGER DEFAULT 0 NOT NULL;
