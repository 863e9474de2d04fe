-- Aisle schema 2: cluster membership for Microsoft.Orleans.Clustering.AdoNet (invariant "Npgsql").
-- One version row per cluster (optimistic concurrency for every membership change) and one row per silo start.
-- The provider reads result columns by name (case-insensitively), so every SELECT aliases to its expected names.
-- Idempotent: CREATE … IF NOT EXISTS, CREATE OR REPLACE FUNCTION, and query texts upserted by key.

CREATE TABLE IF NOT EXISTS aisle_membership_version
(
    deployment_id varchar(150)   NOT NULL PRIMARY KEY,
    changed_at    timestamptz(3) NOT NULL DEFAULT now(),
    version       integer        NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS aisle_membership
(
    deployment_id  varchar(150)   NOT NULL REFERENCES aisle_membership_version (deployment_id),
    address        varchar(45)    NOT NULL,
    port           integer        NOT NULL,
    generation     integer        NOT NULL,
    silo_name      varchar(150)   NOT NULL,
    host_name      varchar(150)   NOT NULL,
    status         integer        NOT NULL,
    proxy_port     integer        NULL,
    suspect_times  varchar(8000)  NULL,
    start_time     timestamptz(3) NOT NULL,
    i_am_alive     timestamptz(3) NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Adds a silo row and bumps the table version in one step, or does neither: returns 1 on success, 0 when the
-- caller's version is stale or the row already exists (the provider then re-reads and retries).
CREATE OR REPLACE FUNCTION aisle_membership_insert(
    p_deployment varchar, p_address varchar, p_port integer, p_generation integer, p_silo_name varchar,
    p_host_name varchar, p_status integer, p_proxy_port integer, p_start timestamptz, p_alive timestamptz,
    p_version integer)
RETURNS integer LANGUAGE plpgsql AS $$
BEGIN
    UPDATE aisle_membership_version v SET version = v.version + 1, changed_at = now()
    WHERE v.deployment_id = p_deployment AND v.version = p_version;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;
    INSERT INTO aisle_membership (deployment_id, address, port, generation, silo_name, host_name, status,
                                  proxy_port, start_time, i_am_alive)
    VALUES (p_deployment, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status,
            p_proxy_port, p_start, p_alive)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        -- Undo the version bump: this block's savepoint rolls back when the exception leaves it.
        RAISE EXCEPTION USING ERRCODE = 'AI001';
    END IF;
    RETURN 1;
EXCEPTION WHEN SQLSTATE 'AI001' THEN
    RETURN 0;
END $$;

-- Changes a silo's status and suspicions and bumps the table version, or does neither (1 / 0 as above).
CREATE OR REPLACE FUNCTION aisle_membership_update(
    p_deployment varchar, p_address varchar, p_port integer, p_generation integer, p_status integer,
    p_suspect_times varchar, p_alive timestamptz, p_version integer)
RETURNS integer LANGUAGE plpgsql AS $$
BEGIN
    UPDATE aisle_membership_version v SET version = v.version + 1, changed_at = now()
    WHERE v.deployment_id = p_deployment AND v.version = p_version;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;
    UPDATE aisle_membership m SET status = p_status, suspect_times = p_suspect_times, i_am_alive = p_alive
    WHERE m.deployment_id = p_deployment AND m.address = p_address AND m.port = p_port AND m.generation = p_generation;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'AI001';
    END IF;
    RETURN 1;
EXCEPTION WHEN SQLSTATE 'AI001' THEN
    RETURN 0;
END $$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', '
    WITH added AS (
        INSERT INTO aisle_membership_version (deployment_id) VALUES (@DeploymentId)
        ON CONFLICT DO NOTHING RETURNING 1)
    SELECT count(*)::integer FROM added;'),
('InsertMembershipKey', '
    SELECT aisle_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
                                   @ProxyPort, @StartTime, @IAmAliveTime, @Version);'),
('UpdateMembershipKey', '
    SELECT aisle_membership_update(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
                                   @IAmAliveTime, @Version);'),
('UpdateIAmAlivetimeKey', '
    UPDATE aisle_membership SET i_am_alive = @IAmAliveTime
    WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;'),
('MembershipReadRowKey', '
    SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
           m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
           m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive AS IAmAliveTime,
           v.version AS Version
    FROM aisle_membership_version v
    LEFT JOIN aisle_membership m ON m.deployment_id = v.deployment_id
        AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    WHERE v.deployment_id = @DeploymentId;'),
('MembershipReadAllKey', '
    SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
           m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
           m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive AS IAmAliveTime,
           v.version AS Version
    FROM aisle_membership_version v
    LEFT JOIN aisle_membership m ON m.deployment_id = v.deployment_id
    WHERE v.deployment_id = @DeploymentId;'),
('GatewaysQueryKey', '
    SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
    FROM aisle_membership
    WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;'),
('DeleteMembershipTableEntriesKey', '
    DELETE FROM aisle_membership WHERE deployment_id = @DeploymentId;
    DELETE FROM aisle_membership_version WHERE deployment_id = @DeploymentId;'),
('CleanupDefunctSiloEntriesKey', '
    DELETE FROM aisle_membership
    WHERE deployment_id = @DeploymentId AND i_am_alive < @IAmAliveTime AND status <> 3;'),
('CleanupDefunctSiloEntryKey', '
    DELETE FROM aisle_membership
    WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
