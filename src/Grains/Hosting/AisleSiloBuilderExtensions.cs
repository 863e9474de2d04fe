using Aisle.Observability;
using Aisle.Users;
using Aisle.Catalog;
using Aisle.Embeddings;
using Aisle.Experiments;
using Aisle.Learning;
using Aisle.Llm;
using Aisle.Products;
using Aisle.Query;
using Aisle.Ranking;
using Aisle.Recommendations;
using Aisle.Retrieval;
using Aisle.Retrieval.Astra;
using Aisle.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Aisle.Hosting;

/// <summary>Wires Aisle's grains, catalog replica, indexes and storage into a silo.</summary>
public static class AisleSiloBuilderExtensions
{
    /// <summary>
    /// Everything a silo needs to serve Aisle: the domain services of <see cref="AddAisleDomain"/> and grain state —
    /// in PostgreSQL when <c>ConnectionStrings:Aisle</c> is set (a cluster: every silo shares it, and each silo's
    /// replica hears every product change through <see cref="ReplicaFeed"/>), else in the local SQLite file
    /// <c>{DataDirectory}/grains.db</c> (the embedded default, one silo).
    /// </summary>
    public static ISiloBuilder AddAisle(this ISiloBuilder silo, IConfiguration configuration)
    {
        AisleMetrics.ExportMeters();
        silo.Services.AddAisleDomain(configuration);
        silo.Services.AddUserGrainServices();
        silo.AddPlacementDirector<SiloKeyedPlacement, SiloKeyedPlacementDirector>();
        if (PostgresClusterSettings.From(configuration) is { } cluster)
        {
            silo.AddPostgresGrainStorage(AisleStorage.Name, o => o.ConnectionString = cluster.ConnectionString);
            silo.Services.AddSingleton<ReplicaFeed>();
            silo.Services.AddHostedService(sp => sp.GetRequiredService<ReplicaFeed>());
        }
        else
        {
            var dataDirectory = configuration.GetSection(AisleOptions.Section).Get<AisleOptions>()?.DataDirectory ?? new AisleOptions().DataDirectory;
            silo.AddSqliteGrainStorage(AisleStorage.Name, o => o.DataSource = Path.Combine(dataDirectory, "grains.db"));
        }

        // Every silo applies the rules an admin saved: at start (before a restarted silo serves) and then each second.
        silo.Services.AddSingleton<RulesSync>();
        silo.Services.AddHostedService(sp => sp.GetRequiredService<RulesSync>());
        silo.AddStartupTask((services, _) => services.GetRequiredService<RulesSync>().SyncAsync());
        silo.AddStartupTask((services, _) => services.GetRequiredService<ExperimentsSync>().SyncAsync());
        // Every silo serves the learned model the training grain published, fetched within SyncInterval of publication.
        silo.Services.AddModelSync();
        return silo;
    }

    /// <summary>The per-silo catalog replica, indexes, embedding model, ranking and the background catalog load.</summary>
    public static IServiceCollection AddAisleDomain(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AisleOptions>().Bind(configuration.GetSection(AisleOptions.Section));
        services.AddOptions<RankingOptions>().Bind(configuration.GetSection(RankingOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RankingOptions>>().Value);
        services.AddExperimentRouting(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CatalogReplica>();
        services.AddSingleton<CatalogIndexes>();
        services.AddOptions<VectorIndexOptions>().Bind(configuration.GetSection(VectorIndexOptions.Section));
        // Exact or approximate by catalog size: the bootstrapper tells it the size once the catalog is read.
        services.AddAisleEmbeddings(configuration);
        // Made for the embedding model's vectors (MiniLM's 384, or what a remote model is configured to return).
        services.AddSingleton(sp => new CatalogVectorIndex(
            sp.GetRequiredService<IOptions<VectorIndexOptions>>().Value, sp.GetRequiredService<EmbeddingModel>().Dimensions));
        if (AstraDbRegistration.IsConfigured(configuration))
        {
            CheckAstraDimensions(configuration);
            // One shared collection written by the ingest; this silo only searches it and queues price and stock changes.
            services.AddAstraDbVectorStore(configuration);
            services.AddSingleton<IVectorIndex>(sp => sp.GetRequiredService<AstraVectorIndex>());
            services.AddSingleton<VectorUpdateQueue>();
            services.AddHostedService(sp => sp.GetRequiredService<VectorUpdateQueue>());
            services.AddSingleton<IVectorStoreFeed, AstraVectorFeed>();
        }
        else
        {
            services.AddSingleton<IVectorIndex>(sp => sp.GetRequiredService<CatalogVectorIndex>());
            services.AddSingleton<IVectorStoreFeed, EmbeddedVectorFeed>();
        }

        services.AddSingleton(sp => new QueryEmbedder(
            sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), sp.GetRequiredService<EmbeddingModel>().QueryBudget));
        // The rules alone unless a language model is configured (AddAisleLlm replaces this).
        services.TryAddSingleton<IQueryUnderstandingFactory, RulesOnlyUnderstanding>();
        services.TryAddSingleton<IComplementProposals>(NoComplementProposals.Instance);
        services.AddAisleLlm(configuration);
        services.AddSingleton(new BusinessRules(configuration.GetSection(BusinessRules.Section).Get<BusinessRule[]>()));
        services.AddLearnedModel(configuration);
        services.AddSingleton<Recommender>();
        services.AddSingleton<LocalListReader>();
        services.AddHostedService<CatalogBootstrapper>();
        return services;
    }

    /// <summary>An AstraDB collection holds vectors of one length: a model configured to return another is a
    /// misconfiguration said at start, not a failure of every insert and search.</summary>
    private static void CheckAstraDimensions(IConfiguration configuration)
    {
        var model = (configuration.GetSection(EmbeddingsOptions.Section).Get<EmbeddingsOptions>() ?? new EmbeddingsOptions()).VectorDimensions;
        var store = (configuration.GetSection(AstraDbOptions.Section).Get<AstraDbOptions>() ?? new AstraDbOptions()).Dimensions;
        if (model != store)
        {
            throw new InvalidOperationException(
                $"{AstraDbOptions.Section}:Dimensions is {store} but the embedding model returns {model} ({EmbeddingsOptions.Section}): make them equal.");
        }
    }
}
