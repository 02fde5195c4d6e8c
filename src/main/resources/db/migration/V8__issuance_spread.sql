-- A scheme's ISSUANCE may be spread over several accounts (issue 7): every EARN entry locks the
-- ISSUANCE account it debits, and with one account all coordinators' approvals queue for its row.
-- The extra accounts are of kind ISSUANCE like the first; reconciliation and reports sum them all.
ALTER TABLE scheme ADD COLUMN issuance_accounts INT NOT NULL DEFAULT 1;
