-- Aisle schema 3: grain state for Aisle's PostgreSQL grain storage (src/Grains/Storage/PostgresGrainStorage.cs).
-- One row per (state name, grain type, grain key); version only grows, also across clears (a cleared state stays
-- as a tombstone with a NULL payload), so an etag from before a clear never matches again.
-- Idempotent: CREATE … IF NOT EXISTS and CREATE OR REPLACE FUNCTION.

CREATE TABLE IF NOT EXISTS aisle_grain_state
(
    state_name   text        NOT NULL,
    grain_type   text        NOT NULL,
    grain_key    text        NOT NULL,
    version      bigint      NOT NULL,
    payload      bytea       NULL,
    modified_utc timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (state_name, grain_type, grain_key)
);

-- One write or clear with optimistic concurrency. p_expected NULL means "the caller saw no live state";
-- p_payload NULL means clear. Returns (ok, new_version) when applied, else (false, live version or NULL).
CREATE OR REPLACE FUNCTION aisle_write_state(
    p_state text, p_type text, p_key text, p_payload bytea, p_expected bigint)
RETURNS TABLE (ok boolean, new_version bigint) LANGUAGE plpgsql AS $$
DECLARE
    written bigint;
    live bigint;
BEGIN
    IF p_expected IS NULL AND p_payload IS NOT NULL THEN
        INSERT INTO aisle_grain_state AS s (state_name, grain_type, grain_key, version, payload, modified_utc)
        VALUES (p_state, p_type, p_key, 1, p_payload, now())
        ON CONFLICT (state_name, grain_type, grain_key) DO UPDATE
            SET version = s.version + 1, payload = excluded.payload, modified_utc = excluded.modified_utc
            WHERE s.payload IS NULL
        RETURNING s.version INTO written;
    ELSIF p_expected IS NOT NULL THEN
        UPDATE aisle_grain_state s SET version = s.version + 1, payload = p_payload, modified_utc = now()
        WHERE s.state_name = p_state AND s.grain_type = p_type AND s.grain_key = p_key
          AND s.version = p_expected AND s.payload IS NOT NULL
        RETURNING s.version INTO written;
    END IF;

    IF written IS NOT NULL THEN
        RETURN QUERY SELECT true, written;
        RETURN;
    END IF;

    SELECT s.version INTO live FROM aisle_grain_state s
    WHERE s.state_name = p_state AND s.grain_type = p_type AND s.grain_key = p_key AND s.payload IS NOT NULL;
    IF p_expected IS NULL AND p_payload IS NULL AND live IS NULL THEN
        -- Clearing a state the caller believes absent, and it is: nothing to do.
        RETURN QUERY SELECT true, 0::bigint;
    ELSE
        RETURN QUERY SELECT false, live;
    END IF;
END $$;
