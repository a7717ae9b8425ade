-- The freeze of the source during cutover: which roles were blocked (with their attributes before,
-- so unfreeze restores exactly them), which sessions were ended, and the position at the freeze.
-- One row per migration; a later freeze after an unfreeze replaces it.
CREATE TABLE source_freeze (
    migration_id   BIGINT         NOT NULL PRIMARY KEY REFERENCES migration (id),
    state          VARCHAR(20)    NOT NULL,
    panel_role     VARCHAR(200)   NOT NULL,
    freeze_lsn     VARCHAR(40)    NOT NULL,
    slot_name      VARCHAR(100),
    point_json     CLOB           NOT NULL,
    roles_json     CLOB           NOT NULL,
    sessions_json  CLOB           NOT NULL,
    grants_digest  VARCHAR(64)    NOT NULL,
    frozen_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    proof          VARCHAR(4000),
    proven_at      TIMESTAMP(6) WITH TIME ZONE,
    unfrozen_at    TIMESTAMP(6) WITH TIME ZONE
);
