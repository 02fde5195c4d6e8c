-- The audit log: a record of every change that is not a ledger entry (members, staff, settings,
-- limits, keys, vetting, categories, offers, erasures, ...), one row per change, written in the
-- transaction of the change. Rows are only ever inserted. See docs/api-guide.md (the audit log)
-- and docs/architecture.md (tamper evidence).
--
-- Each row's chain_hash covers the row and the hash of the row before it in the same scheme,
-- so a row edited, removed, inserted or reordered with SQL breaks the chain where it happened;
-- reconciliation walks it. Personal data is never stored here: such a field is recorded as
-- changed (masked), without its values.
CREATE TABLE audit_record (
    scheme_id     VARCHAR(40)   NOT NULL,
    sequence      BIGINT        NOT NULL,
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_id      VARCHAR(40),
    actor_name    VARCHAR(200),
    actor_role    VARCHAR(20),
    request_id    VARCHAR(100),
    action        VARCHAR(40)   NOT NULL,
    subject_type  VARCHAR(20)   NOT NULL,
    subject_id    VARCHAR(40)   NOT NULL,
    -- the fields before and after, as JSON: [{"field", "before", "after", "masked"}]
    changes       VARCHAR(20000) NOT NULL,
    chain_hash    VARCHAR(64)   NOT NULL,
    PRIMARY KEY (scheme_id, sequence)
);

-- One row per scheme: its last sequence and hash. An append locks it (SELECT ... FOR UPDATE),
-- so a scheme's appends take turns and its sequence has no gaps; reconciliation checks that
-- the last row is where the head says, so removing the newest rows is named too.
CREATE TABLE audit_head (
    scheme_id     VARCHAR(40)   NOT NULL PRIMARY KEY,
    last_sequence BIGINT        NOT NULL,
    last_hash     VARCHAR(64)   NOT NULL
);
