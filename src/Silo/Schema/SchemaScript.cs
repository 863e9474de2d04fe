namespace Aisle.Silo.Schema;

/// <summary>One numbered schema script: <c>002-membership.sql</c> is version 2.</summary>
public sealed record SchemaScript(int Version, string Name, string Sql);
