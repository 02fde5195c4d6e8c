-- Members trading hours: exchanges, payment requests, per-member limits, offers and requests.
-- See docs/api-guide.md (the timebank) and docs/reliability.md (how a floor changes).

-- How long a payment request waits for its payer, and the lowest floor an administrator may
-- give one member (a scheme's members start at member_floor_minutes).
ALTER TABLE scheme ADD COLUMN payment_request_days INTEGER NOT NULL DEFAULT 14;
ALTER TABLE scheme ADD COLUMN lowest_member_floor_minutes BIGINT;
UPDATE scheme SET lowest_member_floor_minutes = member_floor_minutes;
ALTER TABLE scheme ALTER COLUMN lowest_member_floor_minutes SET NOT NULL;

-- Append-only history of an account's floor. Each change is a link of a chain of its own that
-- starts at the account's genesis hash (which covers the floor the account was opened with),
-- so reconciliation can tell a floor changed here from one edited behind the service's back.
CREATE TABLE account_floor_change (
    account_id        VARCHAR(40)  NOT NULL REFERENCES account (id),
    seq               INTEGER      NOT NULL,
    old_floor_minutes BIGINT,
    new_floor_minutes BIGINT,
    reason            VARCHAR(500) NOT NULL,
    changed_by        VARCHAR(40)  NOT NULL,
    changed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    chain_hash        CHAR(64)     NOT NULL,
    PRIMARY KEY (account_id, seq)
);

-- What a member offers or needs. Open until closed or past expires_on.
CREATE TABLE listing (
    id           VARCHAR(40)   NOT NULL PRIMARY KEY,
    scheme_id    VARCHAR(40)   NOT NULL REFERENCES scheme (id),
    member_id    VARCHAR(40)   NOT NULL REFERENCES member (id),
    kind         VARCHAR(10)   NOT NULL,
    category_id  VARCHAR(40)   NOT NULL REFERENCES category (id),
    title        VARCHAR(120)  NOT NULL,
    description  VARCHAR(2000) NOT NULL,
    ward         VARCHAR(100),
    expires_on   DATE          NOT NULL,
    status       VARCHAR(10)   NOT NULL,
    created_by   VARCHAR(40)   NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX listing_scheme ON listing (scheme_id, status, expires_on, id);
CREATE INDEX listing_member ON listing (member_id);

-- "I can help" / "I would like this", and the matches a coordinator makes.
CREATE TABLE listing_response (
    id          VARCHAR(40)   NOT NULL PRIMARY KEY,
    listing_id  VARCHAR(40)   NOT NULL REFERENCES listing (id),
    member_id   VARCHAR(40)   NOT NULL REFERENCES member (id),
    message     VARCHAR(1000) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX listing_response_listing ON listing_response (listing_id, created_at, id);
CREATE INDEX listing_response_member ON listing_response (member_id);

CREATE TABLE listing_match (
    id          VARCHAR(40) NOT NULL PRIMARY KEY,
    listing_id  VARCHAR(40) NOT NULL REFERENCES listing (id),
    member_id   VARCHAR(40) NOT NULL REFERENCES member (id),
    matched_by  VARCHAR(40) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT listing_match_once UNIQUE (listing_id, member_id)
);
CREATE INDEX listing_match_member ON listing_match (member_id);

-- Help one member gave another, settled by the EXCHANGE entry entry_id (payer to helper).
CREATE TABLE exchange (
    entry_id           VARCHAR(40)  NOT NULL PRIMARY KEY REFERENCES journal_entry (id),
    scheme_id          VARCHAR(40)  NOT NULL REFERENCES scheme (id),
    payer_member_id    VARCHAR(40)  NOT NULL REFERENCES member (id),
    helper_member_id   VARCHAR(40)  NOT NULL REFERENCES member (id),
    minutes            INTEGER      NOT NULL,
    category_id        VARCHAR(40)  NOT NULL REFERENCES category (id),
    help_date          DATE         NOT NULL,
    description        VARCHAR(500) NOT NULL,
    listing_id         VARCHAR(40)  REFERENCES listing (id),
    payment_request_id VARCHAR(40),
    recorded_by        VARCHAR(40)  NOT NULL,
    on_behalf_of       VARCHAR(40),
    recorded_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX exchange_scheme ON exchange (scheme_id, help_date, entry_id);
CREATE INDEX exchange_payer ON exchange (payer_member_id, help_date);
CREATE INDEX exchange_helper ON exchange (helper_member_id, help_date);

-- A helper asking to be paid. PENDING until the payer confirms or declines, the helper cancels,
-- or expires_at passes (a PENDING row past it is EXPIRED: nothing needs to run to expire it).
CREATE TABLE payment_request (
    id                 VARCHAR(40)  NOT NULL PRIMARY KEY,
    scheme_id          VARCHAR(40)  NOT NULL REFERENCES scheme (id),
    helper_member_id   VARCHAR(40)  NOT NULL REFERENCES member (id),
    payer_member_id    VARCHAR(40)  NOT NULL REFERENCES member (id),
    minutes            INTEGER      NOT NULL,
    category_id        VARCHAR(40)  NOT NULL REFERENCES category (id),
    help_date          DATE         NOT NULL,
    description        VARCHAR(500) NOT NULL,
    listing_id         VARCHAR(40)  REFERENCES listing (id),
    status             VARCHAR(10)  NOT NULL,
    created_by         VARCHAR(40)  NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_at         TIMESTAMP WITH TIME ZONE,
    decline_reason     VARCHAR(500),
    entry_id           VARCHAR(40)
);
CREATE INDEX payment_request_payer ON payment_request (payer_member_id, created_at, id);
CREATE INDEX payment_request_helper ON payment_request (helper_member_id, created_at, id);
