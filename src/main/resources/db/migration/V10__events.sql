-- The event feed for integrations (GET /v1/schemes/{code}/events): what happened, in an order a
-- consumer can resume from without missing or double-seeing anything (events/EventFeed).
--
-- An event row is inserted, with no position, in the same transaction as what it records (one
-- INSERT, no lock), so it exists if and only if its effect committed. A sequencer later gives
-- committed rows their feed_position (1, 2, 3, ... across all schemes) under the lock of the
-- one event_sequencer row; positions are never changed once given. Events hold ids, types and
-- amounts only: no names, no card numbers.
--
-- No foreign keys: an event points at rows written in the same transaction, and a check per
-- insert would cost the write path (and on PostgreSQL a share lock on the rows referred to)
-- for nothing.
CREATE TABLE event (
    id              VARCHAR(40)  NOT NULL PRIMARY KEY,
    scheme_id       VARCHAR(40)  NOT NULL,
    feed_position   BIGINT,
    type            VARCHAR(40)  NOT NULL,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the partner whose till may read it: its redemptions, and entries touching its account
    partner_id      VARCHAR(40),
    entry_id        VARCHAR(40),
    entry_type      VARCHAR(20),
    amount_minutes  BIGINT,
    -- an entry's accounts, separated by spaces
    account_ids     VARCHAR(1000),
    activity_id     VARCHAR(40),
    member_id       VARCHAR(40),
    organisation_id VARCHAR(40),
    redemption_id   VARCHAR(40),
    refund_id       VARCHAR(40)
);
-- Unique: no position is given twice (NULLs, not yet sequenced, do not collide). Also how the
-- sequencer finds the rows still without one.
CREATE UNIQUE INDEX event_position ON event (feed_position);
-- A scheme's page, and a till's.
CREATE INDEX event_scheme_position ON event (scheme_id, feed_position);
CREATE INDEX event_partner_position ON event (partner_id, feed_position);

-- One row: the last position given. The sequencer locks it (SELECT ... FOR UPDATE), so one
-- sequencer runs at a time across every instance; nothing on the write path touches it.
CREATE TABLE event_sequencer (
    id            INTEGER NOT NULL PRIMARY KEY,
    last_position BIGINT  NOT NULL
);
INSERT INTO event_sequencer (id, last_position) VALUES (1, 0);

-- A hold that expires names no redemption (holds are the ledger's); its event finds the
-- redemption by the hold's id.
CREATE INDEX redemption_hold ON redemption (hold_id);
