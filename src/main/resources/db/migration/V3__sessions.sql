-- Sessions that end when they should (review of issue 3):
-- session_epoch is carried in every access token and checked on every request; a password
-- reset raises it, so tokens issued before stop working at once, not when they expire.
ALTER TABLE app_user ADD COLUMN session_epoch INTEGER DEFAULT 0 NOT NULL;

-- A failed login is now recorded before the password is checked (so that simultaneous
-- attempts cannot get past the limit); the id lets an attempt over the limit withdraw itself.
ALTER TABLE login_failure ADD COLUMN id VARCHAR(40);

-- Usernames are case-insensitive: 'Admin' must not be able to pose as 'admin'.
UPDATE app_user SET username = LOWER(username);
