-- Members' details and their leaving. See docs/api-guide.md (members' details, members who leave).

-- Who registered the member (a staff user's id): a coordinator may change the details of the
-- members they registered. Members registered before this column take the author of their
-- first activation code, which was written in the same transaction as the member.
ALTER TABLE member ADD COLUMN registered_by VARCHAR(40);
UPDATE member SET registered_by = (SELECT a.created_by FROM activation_code a WHERE a.member_id = member.id
                                   ORDER BY a.created_at, a.id LIMIT 1);

-- A member who left the scheme: no login and no card; their account and history stay.
ALTER TABLE member ADD COLUMN deactivated_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE member ADD COLUMN deactivation_reason VARCHAR(500);

-- How to reach a member: personal data, shown to the scheme's staff only, in a table of its own
-- so no view of a member for tills, other members or exports can carry it by accident; the
-- erasure of a member's personal data deletes their row. phone_digits is the phone without
-- spaces and punctuation, for finding a member by the number however it was typed.
CREATE TABLE member_contact (
    member_id         VARCHAR(40)   NOT NULL PRIMARY KEY REFERENCES member (id),
    phone             VARCHAR(40),
    phone_digits      VARCHAR(40),
    email             VARCHAR(254),
    postal_address    VARCHAR(500),
    preferred_contact VARCHAR(10),
    notes             VARCHAR(2000)
);
CREATE INDEX member_contact_phone ON member_contact (phone_digits);
