-- Aisle schema 5: the outbox of Aisle's PostgreSQL grain storage (src/Grains/Storage/PostgresGrainStorage.cs).
-- A grain write can carry one record that is inserted in the same transaction as the state (a shopper's batch of
-- events and what those events teach products: src/Grains/Products/ActivityOutbox.cs). Records are numbered per
-- source (one silo incarnation) and deleted once what they describe is durable elsewhere.
-- Idempotent: CREATE … IF NOT EXISTS.

CREATE TABLE IF NOT EXISTS aisle_outbox
(
    source       text        NOT NULL,
    seq          bigint      NOT NULL,
    payload      bytea       NOT NULL,
    written_utc  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source, seq)
);

ALTER TABLE aisle_outbox ALTER COLUMN payload SET COMPRESSION lz4;
