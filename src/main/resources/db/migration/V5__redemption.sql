-- Spending credits at partner tills (issue 5): holds, offers, cards, beneficiaries,
-- redemptions, refunds and settlements.

-- The ledger's holds: an amount set aside on an account (its held_minutes) until it is
-- captured, voided or expires. held_minutes is always the sum of the account's HELD holds; one
-- past expires_at no longer counts towards what may be spent, and is marked EXPIRED by the
-- sweep or the next time its account is locked.
CREATE TABLE hold (
    id             VARCHAR(40) NOT NULL PRIMARY KEY,
    scheme_id      VARCHAR(40) NOT NULL REFERENCES scheme (id),
    account_id     VARCHAR(40) NOT NULL REFERENCES account (id),
    amount_minutes BIGINT      NOT NULL,
    status         VARCHAR(10) NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX hold_account ON hold (account_id, status);
CREATE INDEX hold_due ON hold (status, expires_at);

-- Card numbers a member had before a replacement: never found again, never reissued.
CREATE TABLE retired_card (
    card_number VARCHAR(16) NOT NULL PRIMARY KEY,
    member_id   VARCHAR(40) NOT NULL REFERENCES member (id),
    retired_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A member (member_id) lets another (beneficiary_id) spend from their account at tills.
CREATE TABLE beneficiary (
    member_id      VARCHAR(40) NOT NULL REFERENCES member (id),
    beneficiary_id VARCHAR(40) NOT NULL REFERENCES member (id),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (member_id, beneficiary_id)
);
CREATE INDEX beneficiary_of ON beneficiary (beneficiary_id);

CREATE TABLE offer (
    id             VARCHAR(40)  NOT NULL PRIMARY KEY,
    scheme_id      VARCHAR(40)  NOT NULL REFERENCES scheme (id),
    partner_id     VARCHAR(40)  NOT NULL REFERENCES partner (id),
    title          VARCHAR(200) NOT NULL,
    amount_minutes BIGINT       NOT NULL,
    weekly_quota   INTEGER,
    active         BOOLEAN      NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX offer_scheme ON offer (scheme_id, id);
CREATE INDEX offer_partner ON offer (partner_id, id);

-- A till's redemption: its hold, and once captured the REDEMPTION entry. Its status follows
-- the hold's (HELD, CAPTURED, VOIDED, EXPIRED); refunds are entries of their own.
CREATE TABLE redemption (
    id                 VARCHAR(40)  NOT NULL PRIMARY KEY,
    scheme_id          VARCHAR(40)  NOT NULL REFERENCES scheme (id),
    partner_id         VARCHAR(40)  NOT NULL REFERENCES partner (id),
    offer_id           VARCHAR(40) REFERENCES offer (id),
    member_id          VARCHAR(40)  NOT NULL REFERENCES member (id),
    funding_account_id VARCHAR(40)  NOT NULL REFERENCES account (id),
    hold_id            VARCHAR(40)  NOT NULL REFERENCES hold (id),
    held_minutes       BIGINT       NOT NULL,
    captured_minutes   BIGINT,
    refunded_minutes   BIGINT       NOT NULL,
    till_reference     VARCHAR(100) NOT NULL,
    created_by         VARCHAR(40)  NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    entry_id           VARCHAR(40) REFERENCES journal_entry (id),
    captured_at        TIMESTAMP WITH TIME ZONE
);
CREATE INDEX redemption_partner ON redemption (partner_id, id);
CREATE INDEX redemption_offer ON redemption (offer_id, created_at);

CREATE TABLE refund (
    id             VARCHAR(40)  NOT NULL PRIMARY KEY,
    redemption_id  VARCHAR(40)  NOT NULL REFERENCES redemption (id),
    entry_id       VARCHAR(40)  NOT NULL REFERENCES journal_entry (id),
    amount_minutes BIGINT       NOT NULL,
    reason         VARCHAR(500) NOT NULL,
    created_by     VARCHAR(40)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX refund_redemption ON refund (redemption_id);

-- What an administrator settled: the partner's credits up to up_to, retired to ISSUANCE.
CREATE TABLE settlement (
    id             VARCHAR(40) NOT NULL PRIMARY KEY,
    scheme_id      VARCHAR(40) NOT NULL REFERENCES scheme (id),
    partner_id     VARCHAR(40) NOT NULL REFERENCES partner (id),
    entry_id       VARCHAR(40) NOT NULL REFERENCES journal_entry (id),
    amount_minutes BIGINT      NOT NULL,
    up_to          TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by     VARCHAR(40) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX settlement_partner ON settlement (partner_id, id);
