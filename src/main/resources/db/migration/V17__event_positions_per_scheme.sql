-- Event-feed positions become a scheme's own: 1, 2, 3, ... in each scheme, so that the gaps in
-- a till's feed no longer show how busy other schemes are (events/Sequencer). The sequencer
-- still gives positions after commit, holding the lock of the one event_sequencer row; it now
-- keeps each scheme's last position in event_scheme_head, written in the same transaction as
-- the positions it gives.
--
-- Events already positioned keep their positions, and each scheme goes on from its highest: a
-- consumer's stored cursor (which carries a position) stays valid and misses nothing. Renumbering
-- them would have made a consumer that stored position 5,000 of the old numbering skip its
-- scheme's next events until the scheme's own count passed 5,000. The gaps stay only in what
-- happened before this migration.
CREATE TABLE event_scheme_head (
    scheme_id     VARCHAR(40) NOT NULL PRIMARY KEY,
    last_position BIGINT      NOT NULL
);
INSERT INTO event_scheme_head (scheme_id, last_position)
    SELECT scheme_id, MAX(feed_position) FROM event WHERE feed_position IS NOT NULL GROUP BY scheme_id;

-- The one row is now only the sequencer's lock.
ALTER TABLE event_sequencer DROP COLUMN last_position;

-- Unique within a scheme (no position given twice in it; NULLs, not yet sequenced, do not
-- collide), and a scheme's page and its till's read by it.
DROP INDEX event_position;
DROP INDEX event_scheme_position;
CREATE UNIQUE INDEX event_scheme_feed_position ON event (scheme_id, feed_position);
-- How the sequencer finds the rows still without a position.
CREATE INDEX event_unpositioned ON event (feed_position);
-- A till's page: its partner's events of the scheme in position order.
DROP INDEX event_partner_position;
CREATE INDEX event_partner_position ON event (partner_id, scheme_id, feed_position);
