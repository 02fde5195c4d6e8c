-- Indexes for queries that read by period or by status. EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL
-- 15, against a generated journal of 1,000,000 postings (scripts/reconcile-bench), showed each of
-- them reading a whole table for a slice of it. Every index costs each insert into its table;
-- only journal_entry's is on the posting path (one per entry). Statements, balances, entries,
-- reconciliation, a member's activities and the tills' queries were already served by V1-V6.

-- Entries posted in a period: the summary's credits by type, partner rows and issuance totals
-- (SummaryReport.credits, .partners, .issuanceTotals) and the journal export's entries
-- (JournalExport.entries, read in posted_at order).
CREATE INDEX journal_entry_posted ON journal_entry (posted_at);

-- Activities dated in a period: the summary's volunteering figures (SummaryReport.volunteering),
-- the scheme's first day (SummaryReport.start, MIN(activity_date)), lists filtered by date.
CREATE INDEX activity_scheme_date ON activity (scheme_id, activity_date);

-- Activities by status, newest first (ActivityStore.page with a status, as in a coordinator's
-- queue of PENDING ones): without it, a queue shorter than a page read every activity of the
-- scheme to find there were no more.
CREATE INDEX activity_scheme_status ON activity (scheme_id, status, id);

-- A partner's statement for a period, oldest first (RedemptionStore.ofPartner): redemption_partner
-- (partner_id, id) found every redemption the partner ever had, then sorted them.
CREATE INDEX redemption_partner_created ON redemption (partner_id, created_at, id);
