namespace Aisle.Retrieval.Astra;

/// <summary>
/// Where the AstraDB Data API store lives and how long Aisle waits for it (configuration section <c>Aisle:AstraDb</c>),
/// used when <c>Aisle:Vectors:Store</c> is <see cref="VectorStore.AstraDb"/>. The application token is never read from
/// configuration files: only from the environment variable named by <see cref="TokenVariable"/>.
/// </summary>
public sealed class AstraDbOptions
{
    public const string Section = "Aisle:AstraDb";

    /// <summary>The database's API endpoint, <c>https://{database-id}-{region}.apps.astra.datastax.com</c>. Required.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Keyspace of the collection. Default <c>default_keyspace</c> (what a new Astra database has).</summary>
    public string Keyspace { get; set; } = "default_keyspace";

    /// <summary>Collection holding one document per product. Default <c>aisle_products</c>.</summary>
    public string Collection { get; set; } = "aisle_products";

    /// <summary>Environment variable holding the application token (<c>AstraCS:…</c>). Default <c>ASTRA_DB_APPLICATION_TOKEN</c>.</summary>
    public string TokenVariable { get; set; } = "ASTRA_DB_APPLICATION_TOKEN";

    /// <summary>Embedding dimensions the collection is created with. Default 384 (all-MiniLM-L6-v2).</summary>
    public int Dimensions { get; set; } = 384;

    /// <summary>
    /// One search's whole budget, retries included, in milliseconds. A search that has not answered by then fails with
    /// <see cref="Recommendations.VectorStoreUnavailableException"/> and the search pipeline answers from the lexical
    /// index alone. Default 800.
    /// </summary>
    public int SearchTimeoutMs { get; set; } = 800;

    /// <summary>One search attempt's limit in milliseconds; a slower attempt is abandoned and retried while the budget
    /// lasts. Default 350 (Astra answers a filtered top-100 in roughly 30–120 ms from the same region).</summary>
    public int SearchAttemptTimeoutMs { get; set; } = 350;

    /// <summary>One write command's (insert, replace, update) whole budget, retries included, in milliseconds. Default 30,000.</summary>
    public int WriteTimeoutMs { get; set; } = 30_000;

    /// <summary>One write attempt's limit in milliseconds. Default 10,000.</summary>
    public int WriteAttemptTimeoutMs { get; set; } = 10_000;

    /// <summary>Retries after a 429, a 5xx, a transport failure or an attempt timeout, with exponential backoff and
    /// jitter (a 429's Retry-After is honoured). Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay in milliseconds; each later one doubles. Default 100.</summary>
    public int RetryDelayMs { get; set; } = 100;

    /// <summary>
    /// Documents per <c>insertMany</c>. The Data API long accepted 20 per call and now documents 100; 20 works on
    /// every version, and ingest runs several calls at once (<see cref="IngestConcurrency"/>). Default 20, at most 100.
    /// </summary>
    public int InsertBatchSize { get; set; } = 20;

    /// <summary>Commands the ingest keeps in flight at once. Default 4.</summary>
    public int IngestConcurrency { get; set; } = 4;

    /// <summary>Price and stock changes waiting to be written at most; beyond it the oldest waiting product is written
    /// later by the next change or ingest, and the drop is counted. Default 10,000.</summary>
    public int UpdateQueueCapacity { get; set; } = 10_000;

    /// <summary>The command URL of the collection: <c>{Endpoint}/api/json/v1/{Keyspace}/{Collection}</c>.</summary>
    public Uri CollectionUri => new($"{BaseUri}/{Uri.EscapeDataString(Collection)}");

    /// <summary>The command URL of the keyspace (createCollection): <c>{Endpoint}/api/json/v1/{Keyspace}</c>.</summary>
    public Uri KeyspaceUri => new(BaseUri);

    private string BaseUri =>
        $"{(Endpoint ?? throw new InvalidOperationException($"{Section}:Endpoint is not set.")).TrimEnd('/')}/api/json/v1/{Uri.EscapeDataString(Keyspace)}";

    /// <summary>The token from the environment; throws naming the variable when it is missing.</summary>
    public string Token() =>
        Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException($"AstraDB is the vector store but the environment variable {TokenVariable} holds no application token.");
}
