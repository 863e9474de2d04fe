-- Aisle schema 1: the query table Orleans' ADO.NET providers read at start.
-- Orleans looks up each operation by key in OrleansQuery and runs the stored text with its own parameter names
-- (@DeploymentId, @Address, …); the tables behind those texts are Aisle's own (scripts 2 and 3).
-- Idempotent: safe to run again on an existing database.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL PRIMARY KEY,
    QueryText varchar(8000) NOT NULL
);
