-- Checkpoints: after each reconciliation that passes, a record of where every account's hash
-- chain stood (its last posting's seq and hash), digested into one SHA-256. Published, so
-- anyone can hold the service to it later; a rewrite of history before it changes the chain
-- heads recomputed from the journal, and the digest with them.
--
-- number counts a scheme's checkpoints 1, 2, 3...; it is taken under the scheme's row lock,
-- so checkpoints are numbered in the order of the states they record, whichever instance
-- wrote them. checkpoint_head holds only the accounts whose chain moved since the scheme's
-- previous checkpoint (all of them in its first): a checkpoint's whole state is its own rows
-- over those of the checkpoints before it. checkpoint_state is the latest of each, kept so
-- that writing a checkpoint never reads the whole history.
CREATE TABLE checkpoint (
    id                  VARCHAR(40) NOT NULL PRIMARY KEY,
    scheme_id           VARCHAR(40) NOT NULL REFERENCES scheme (id),
    number              BIGINT      NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    entries             BIGINT      NOT NULL,
    postings            BIGINT      NOT NULL,
    accounts            BIGINT      NOT NULL,
    balance_sum_minutes BIGINT      NOT NULL,
    outstanding_minutes BIGINT      NOT NULL,
    digest              CHAR(64)    NOT NULL,
    CONSTRAINT checkpoint_number_unique UNIQUE (scheme_id, number)
);

CREATE TABLE checkpoint_head (
    checkpoint_id VARCHAR(40) NOT NULL REFERENCES checkpoint (id),
    account_id    VARCHAR(40) NOT NULL,
    seq           BIGINT      NOT NULL,
    chain_head    CHAR(64)    NOT NULL,
    PRIMARY KEY (checkpoint_id, account_id)
);

CREATE TABLE checkpoint_state (
    scheme_id  VARCHAR(40) NOT NULL REFERENCES scheme (id),
    account_id VARCHAR(40) NOT NULL,
    seq        BIGINT      NOT NULL,
    PRIMARY KEY (scheme_id, account_id)
);
