-- Volunteering turns into credits (issue 4): categories, vetting, activities, opportunities,
-- and the scheme's rules for earning.

-- A scheme's rules for earning. Dates of activities are days in the scheme's time zone: "not in
-- the future" means not after today where the volunteering happened.
ALTER TABLE scheme ADD COLUMN backdate_days INTEGER DEFAULT 90 NOT NULL;
ALTER TABLE scheme ADD COLUMN weekly_earn_cap_minutes BIGINT;
ALTER TABLE scheme ADD COLUMN allocations_required BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE scheme ADD COLUMN time_zone VARCHAR(64) DEFAULT 'Europe/London' NOT NULL;

-- A staff user who also volunteers names their own member record, so that nobody approves
-- credits for themselves. Not app_user.member_id: that is a member's own login.
ALTER TABLE app_user ADD COLUMN own_member_id VARCHAR(40) REFERENCES member (id);

CREATE TABLE category (
    id               VARCHAR(40)  NOT NULL PRIMARY KEY,
    scheme_id        VARCHAR(40)  NOT NULL REFERENCES scheme (id),
    code             VARCHAR(40)  NOT NULL,
    name             VARCHAR(200) NOT NULL,
    requires_vetting BOOLEAN      NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT category_code_unique UNIQUE (scheme_id, code)
);

-- Append-only history of a member's safeguarding checks; the latest row is in force.
CREATE TABLE vetting_check (
    id          VARCHAR(40) NOT NULL PRIMARY KEY,
    member_id   VARCHAR(40) NOT NULL REFERENCES member (id),
    status      VARCHAR(10) NOT NULL,
    checked_on  DATE        NOT NULL,
    expires_on  DATE,
    recorded_by VARCHAR(40) NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX vetting_check_member ON vetting_check (member_id, recorded_at, id);

CREATE TABLE opportunity (
    id                        VARCHAR(40)  NOT NULL PRIMARY KEY,
    scheme_id                 VARCHAR(40)  NOT NULL REFERENCES scheme (id),
    organisation_id           VARCHAR(40)  NOT NULL REFERENCES organisation (id),
    category_id               VARCHAR(40)  NOT NULL REFERENCES category (id),
    title                     VARCHAR(200) NOT NULL,
    held_on                   DATE         NOT NULL,
    signup_award_minutes      INTEGER      NOT NULL,
    attendance_award_minutes  INTEGER      NOT NULL,
    created_by                VARCHAR(40)  NOT NULL,
    created_at                TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX opportunity_scheme ON opportunity (scheme_id, id);

-- An activity is workflow, not journal: its status moves PENDING -> APPROVED (with the EARN
-- entry that paid it) or PENDING -> REJECTED, once. The credits themselves live only in the
-- journal. award is SIGNUP or ATTENDANCE for an opportunity's awards, and the unique
-- constraint makes "awarded once per opportunity" hold under concurrent requests (rows
-- without an opportunity have NULLs there, which never collide).
CREATE TABLE activity (
    id               VARCHAR(40)  NOT NULL PRIMARY KEY,
    scheme_id        VARCHAR(40)  NOT NULL REFERENCES scheme (id),
    member_id        VARCHAR(40)  NOT NULL REFERENCES member (id),
    organisation_id  VARCHAR(40)  NOT NULL REFERENCES organisation (id),
    category_id      VARCHAR(40)  NOT NULL REFERENCES category (id),
    activity_date    DATE         NOT NULL,
    minutes          INTEGER      NOT NULL,
    description      VARCHAR(500) NOT NULL,
    status           VARCHAR(10)  NOT NULL,
    opportunity_id   VARCHAR(40) REFERENCES opportunity (id),
    award            VARCHAR(10),
    logged_by        VARCHAR(40)  NOT NULL,
    logged_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by       VARCHAR(40),
    decided_at       TIMESTAMP WITH TIME ZONE,
    entry_id         VARCHAR(40) REFERENCES journal_entry (id),
    rejection_reason VARCHAR(500),
    CONSTRAINT activity_award_once UNIQUE (opportunity_id, member_id, award)
);
CREATE INDEX activity_scheme ON activity (scheme_id, id);
CREATE INDEX activity_member_date ON activity (member_id, activity_date);

-- A register's answer lists up to 1,000 activities, and is stored with its Idempotency-Key.
ALTER TABLE idempotency_key ALTER COLUMN response_body SET DATA TYPE VARCHAR(4000000);
