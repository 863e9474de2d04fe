-- Aisle schema 4: compress grain state payloads with LZ4 instead of PostgreSQL's default pglz.
-- A shopper's state is ~5 kB and is rewritten on every batch of events, so PostgreSQL compresses it on every write;
-- LZ4 does that at a fraction of pglz's CPU for about the same size. Needs PostgreSQL 14+ built with LZ4 (Debian's
-- and Cloud SQL's are). Rows written before keep their old compression until they are next written.
-- Idempotent: setting the same compression again is harmless.

ALTER TABLE aisle_grain_state ALTER COLUMN payload SET COMPRESSION lz4;
