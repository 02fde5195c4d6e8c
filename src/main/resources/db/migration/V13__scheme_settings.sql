-- Every change of a scheme's rules (PATCH /v1/schemes/{code}): one row per field changed, with
-- who, when, and the value before and after as text. Written in the transaction of the change;
-- rows are only ever inserted. See docs/api-guide.md (changing a scheme's rules).
CREATE TABLE scheme_setting_change (
    scheme_id    VARCHAR(40)  NOT NULL REFERENCES scheme (id),
    seq          BIGINT       NOT NULL,
    field        VARCHAR(40)  NOT NULL,
    before_value VARCHAR(200),
    after_value  VARCHAR(200),
    changed_by   VARCHAR(40)  NOT NULL,
    changed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (scheme_id, seq)
);
