namespace Aisle.Llm;

/// <summary>
/// The language model behind query understanding and product proposals (configuration section <c>Aisle:Llm</c>): xAI's
/// Grok through its OpenAI-compatible endpoint by default. Off unless the environment variable named by
/// <see cref="ApiKeyVariable"/> holds a key: the key is never read from configuration files.
/// </summary>
public sealed class LlmOptions
{
    public const string Section = "Aisle:Llm";

    /// <summary>OpenAI-compatible base URL (chat completions are posted to <c>{Endpoint}/chat/completions</c>).</summary>
    public string Endpoint { get; set; } = "https://api.x.ai/v1";

    /// <summary>Model name; a fast non-reasoning model, because the answer must arrive within <see cref="BudgetMs"/>.</summary>
    public string Model { get; set; } = "grok-4-1-fast-non-reasoning";

    /// <summary>Environment variable that holds the API key. Default <c>XAI_API_KEY</c>.</summary>
    public string ApiKeyVariable { get; set; } = "XAI_API_KEY";

    /// <summary>Set false to keep the rules even when a key is present.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a search waits for the model before the rules answer it. Default 300 ms.</summary>
    public int BudgetMs { get; set; } = 300;

    /// <summary>How long a call may run in the background after the search stopped waiting, so its answer is kept for the
    /// next search of the same words. Default 5,000 ms.</summary>
    public int CallTimeoutMs { get; set; } = 5_000;

    /// <summary>Consecutive failed calls (timeouts, 429, 5xx, malformed replies, answers slower than the budget) that open
    /// the circuit. Default 5.</summary>
    public int FailureThreshold { get; set; } = 5;

    /// <summary>How long an open circuit skips the model before one trial call. Default 30 s.</summary>
    public int OpenSeconds { get; set; } = 30;

    /// <summary>How long an answer is kept per normalised query (and a complement list per category). Default 24 h.</summary>
    public int CacheHours { get; set; } = 24;

    /// <summary>A category or brand the model read with at least this confidence filters; below it only boosts. Default 0.85.</summary>
    public double CertainConfidence { get; set; } = 0.85;

    public TimeSpan Budget => TimeSpan.FromMilliseconds(BudgetMs);

    public TimeSpan CallTimeout => TimeSpan.FromMilliseconds(CallTimeoutMs);

    public TimeSpan OpenDuration => TimeSpan.FromSeconds(OpenSeconds);

    public TimeSpan CacheLifetime => TimeSpan.FromHours(CacheHours);

    /// <summary>The key from the environment, or null when none is set (then the model is off).</summary>
    public string? ApiKey() => Enabled && Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } key ? key : null;
}
