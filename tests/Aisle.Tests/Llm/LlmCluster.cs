using Aisle.Llm;
using Aisle.Query;
using Aisle.Retrieval;
using Aisle.Tests.Retrieval;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Aisle.Tests.Llm;

/// <summary>
/// Two in-process silos with the LLM understanding wired as production wires it (<see cref="LlmServiceCollectionExtensions.AddAisleLlm"/>,
/// the key from an environment variable of this cluster's own), pointed at a <see cref="ChatCompletionsStandIn"/>, over
/// the rules of the real 20k catalog. <see cref="Understanding"/> is each silo's understanding, as its search pipeline gets it.
/// </summary>
public sealed class LlmCluster : IAsyncDisposable
{
    public const string Model = "grok-stand-in";

    private readonly InProcessTestCluster _cluster;

    private LlmCluster(
        InProcessTestCluster cluster, ChatCompletionsStandIn standIn, string key, LlmOptions options, ManualClock clock, IQueryUnderstanding[] understanding,
        IComplementProposals[] complements)
    {
        Complements = complements;
        _cluster = cluster;
        StandIn = standIn;
        Key = key;
        Options = options;
        Clock = clock;
        Understanding = understanding;
    }

    private static readonly Lazy<QueryUnderstanding> SharedRules = new(() => new QueryUnderstanding(CatalogDictionary.Build(LexicalTestCatalog.Products)));

    /// <summary>The rules of the real catalog, as every silo has them.</summary>
    public static QueryUnderstanding Rules => SharedRules.Value;

    public ChatCompletionsStandIn StandIn { get; }

    public string Key { get; }

    public LlmOptions Options { get; }

    public ManualClock Clock { get; }

    public IReadOnlyList<IQueryUnderstanding> Understanding { get; }

    /// <summary>Each silo's complements for "complete the look", as its pipeline gets them.</summary>
    public IReadOnlyList<IComplementProposals> Complements { get; }

    public IClusterClient Client => _cluster.Client;

    /// <param name="settings">Overrides of <c>Aisle:Llm</c> keys (without the prefix).</param>
    public static async Task<LlmCluster> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var standIn = await ChatCompletionsStandIn.StartAsync();
        var variable = "AISLE_TEST_LLM_KEY_" + Guid.NewGuid().ToString("N");
        var key = "xai-test-" + Guid.NewGuid().ToString("N")[..12];
        Environment.SetEnvironmentVariable(variable, key);
        var values = new Dictionary<string, string?>
        {
            ["Aisle:Llm:Endpoint"] = standIn.Endpoint,
            ["Aisle:Llm:Model"] = Model,
            ["Aisle:Llm:ApiKeyVariable"] = variable,
            // Roomier than the 300 ms default: on two cores running the suite beside it, the stand-in's first answer
            // (client and JSON start-up) took longer than 300 ms, and a test of a valid answer then saw the rules'.
            // The budget tests scale their delays from it (and wait 10 s for the late answer: keep it at most ~3 s).
            ["Aisle:Llm:BudgetMs"] = "1500",
            ["Aisle:Llm:CallTimeoutMs"] = "8000",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            values["Aisle:Llm:" + name] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var indexes = new CatalogIndexes();
        indexes.Install(new LexicalIndex([]), Rules);
        var clock = new ManualClock();
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(indexes);
            silo.Services.AddSingleton<TimeProvider>(clock);
            silo.Services.AddAisleLlm(configuration);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        var understanding = cluster.Silos
            .Select(silo => silo.ServiceProvider.GetRequiredService<IQueryUnderstandingFactory>().Over(Rules))
            .ToArray();
        var complements = cluster.Silos.Select(silo => silo.ServiceProvider.GetRequiredService<IComplementProposals>()).ToArray();
        var options = configuration.GetSection(LlmOptions.Section).Get<LlmOptions>()!;
        return new LlmCluster(cluster, standIn, key, options, clock, understanding, complements);
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await StandIn.DisposeAsync();
        Environment.SetEnvironmentVariable(Options.ApiKeyVariable, null);
    }

    /// <summary>Polls <paramref name="probe"/> until true; a bound of 10 s for background work to land, not a speed expectation.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> probe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await probe())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}

/// <summary>Wall-clock time plus a shift the test controls (timers stay real, so budgets still elapse).</summary>
public sealed class ManualClock : TimeProvider
{
    private long _shiftTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _shiftTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _shiftTicks));
}

/// <summary>The LLM tests read process-wide metrics, so they run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class LlmCollection
{
    public const string Name = "LLM";
}
