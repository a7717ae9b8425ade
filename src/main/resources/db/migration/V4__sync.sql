-- Continuous sync: at most one replication stream per migration, from the source to the target.
-- The row names everything the stream created on both servers (slot, publication, subscription)
-- before it is created, so that a crash at any point leaves enough to clean up.
CREATE TABLE sync_stream (
    migration_id      BIGINT        NOT NULL PRIMARY KEY REFERENCES migration (id),
    mode              VARCHAR(10)   NOT NULL,
    state             VARCHAR(20)   NOT NULL,
    slot_name         VARCHAR(63)   NOT NULL,
    publication_name  VARCHAR(63)   NOT NULL,
    consistent_lsn    VARCHAR(20),
    drained_lsn       VARCHAR(20),
    started_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    streaming_at      TIMESTAMP(6) WITH TIME ZONE,
    drained_at        TIMESTAMP(6) WITH TIME ZONE,
    cleaned_at        TIMESTAMP(6) WITH TIME ZONE,
    last_error        VARCHAR(2000),
    updated_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
