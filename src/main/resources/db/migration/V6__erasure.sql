-- Erasure of personal data (issue 6): when a member's personal data was erased. Such a member
-- gets no new activation code, login or card: their record stays only for the books.
ALTER TABLE member ADD COLUMN erased_at TIMESTAMP WITH TIME ZONE;
