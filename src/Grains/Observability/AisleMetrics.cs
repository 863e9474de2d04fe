using Aisle.Users;
using Prometheus;

namespace Aisle.Observability;

/// <summary>
/// Every business and pipeline metric Aisle defines, in one place. Names follow Prometheus conventions (base units,
/// <c>_total</c> for counters) and labels stay bounded: never a user or product id.
/// </summary>
public static class AisleMetrics
{
    /// <summary>The .NET meters published on /metrics: Orleans' (the dashboards' cluster and grain panels) and the
    /// runtime's. ASP.NET Core's and System.Net's are left out: prometheus-net's HTTP middleware already measures every
    /// request, and adapting the framework's several measurements per request cost ~7 % of a request's CPU (perf
    /// profile of trending under load, docs/benchmarks.md).</summary>
    public static readonly string[] ExportedMeters = ["Microsoft.Orleans", "System.Runtime"];

    /// <summary>Restricts prometheus-net's meter adapter to <see cref="ExportedMeters"/>; safe to call more than once.</summary>
    public static void ExportMeters() =>
        Metrics.ConfigureMeterAdapter(options => options.InstrumentFilterPredicate = instrument => ExportedMeters.Contains(instrument.Meter.Name));

    /// <summary>Calls to /api/admin by admin key name ("none" without a valid key): who changed what, never the key.</summary>
    public static readonly Counter AdminRequests = Metrics.CreateCounter(
        "aisle_admin_requests_total", "Admin API calls, by the name of the admin key used (none: no valid key).", "key");

    public static readonly Counter Events = Metrics.CreateCounter(
        "aisle_events_total", "Behaviour events by kind and outcome.", "kind", "outcome");

    /// <summary>Requests a frontend answered 503 because the cluster could not answer then, by reason (storage, timeout,
    /// cluster, conflict); see docs/reliability.md.</summary>
    public static readonly Counter Unavailable = Metrics.CreateCounter(
        "aisle_unavailable_responses_total", "Requests answered 503 because a silo, the cluster or its database could not answer in time, by reason.", "reason");

    /// <summary>Lists ranked without the shopper's profile because it could not be had in time, by reason (slow:
    /// the shopper's grain was moving between silos; unavailable: its silo died or PostgreSQL is down).</summary>
    public static readonly Counter AnonymousFallbacks = Metrics.CreateCounter(
        "aisle_profile_fallbacks_total", "Lists ranked without the shopper's profile because it could not be had in time, by reason.", "reason");

    /// <summary>Cluster frontends: silo gateways this frontend is connected to.</summary>
    public static readonly Gauge GatewayConnections = Metrics.CreateGauge(
        "aisle_gateway_connections", "Silo gateways this cluster frontend holds a connection to (0: it cannot reach the cluster).");

    public static readonly Counter Searches = Metrics.CreateCounter(
        "aisle_searches_total", "Product searches answered.");

    public static readonly Counter Recommendations = Metrics.CreateCounter(
        "aisle_recommendations_total", "Recommendation lists answered, by surface.", "surface");

    public static readonly Histogram StageDuration = Metrics.CreateHistogram(
        "aisle_pipeline_stage_duration_seconds", "Time spent in each stage of the search and recommendation pipelines.",
        new HistogramConfiguration
        {
            LabelNames = ["pipeline", "stage"],
            Buckets = Histogram.ExponentialBuckets(0.00005, 2, 14),
        });

    public static readonly Counter QueryEmbeddingCache = Metrics.CreateCounter(
        "aisle_query_embedding_cache_total", "Query embeddings served from the cache (hit) or computed (miss).", "result");

    public static readonly Gauge CatalogProducts = Metrics.CreateGauge(
        "aisle_catalog_products", "Products in this silo's catalog replica.");

    public static readonly Gauge VectorIndexSize = Metrics.CreateGauge(
        "aisle_vector_index_documents", "Documents in the vector index.");

    public static readonly Gauge OutOfStock = Metrics.CreateGauge(
        "aisle_out_of_stock_products", "Products with no stock left, as this silo's replica sees them.");

    public static readonly Gauge CatalogReady = Metrics.CreateGauge(
        "aisle_catalog_ready", "1 when this silo's catalog and indexes are loaded.");

    public static readonly Gauge RulesVersion = Metrics.CreateGauge(
        "aisle_rules_version", "Version of the merchandising rules this silo applies: 0 = configuration's, n = the n-th set saved by an admin.");

    public static readonly Histogram VectorScanDuration = Metrics.CreateHistogram(
        "aisle_vector_index_scan_duration_seconds", "Time of one k-nearest-neighbour scan of the vector index, by what it serves.",
        new HistogramConfiguration
        {
            LabelNames = ["pipeline"],
            Buckets = Histogram.ExponentialBuckets(0.00005, 2, 14),
        });

    public static readonly Counter VectorStoreFallbacks = Metrics.CreateCounter(
        "aisle_vector_store_fallbacks_total", "Searches answered without the remote vector store because it was slow or down, by pipeline.", "pipeline");

    public static readonly Counter QueryEmbeddingFallbacks = Metrics.CreateCounter(
        "aisle_query_embedding_fallbacks_total", "Searches ranked by words alone because a remote embedding service was slow or failing.");

    public static readonly Counter VectorStoreUpdates = Metrics.CreateCounter(
        "aisle_vector_store_updates_total", "Price and stock changes written to the remote vector store, by outcome (written, failed).", "outcome");

    public static readonly Counter VectorStoreUpdatesDropped = Metrics.CreateCounter(
        "aisle_vector_store_updates_dropped_total", "Price and stock changes not queued for the remote vector store because its queue was full.");

    public static readonly Gauge VectorStoreUpdateQueue = Metrics.CreateGauge(
        "aisle_vector_store_update_queue_length", "Products whose price or stock change waits to be written to the remote vector store.");

    public static readonly Counter StockOuts = Metrics.CreateCounter(
        "aisle_stockouts_total", "Purchases refused because the product had too little stock left.");

    public static readonly Counter ActivityRecovered = Metrics.CreateCounter(
        "aisle_activity_recovered_records_total", "Outbox records of product activity replayed from silos that are gone.");

    public static readonly Gauge ActivityUnconfirmed = Metrics.CreateGauge(
        "aisle_activity_unconfirmed_products", "Products this silo delivered activity to that have not saved it yet (their outbox records are kept).");

    public static readonly Counter ReplicaUpdatesDropped = Metrics.CreateCounter(
        "aisle_replica_updates_dropped_total", "Product updates from another silo ignored because that silo runs another catalog.");

    public static readonly Gauge ModelVersion = Metrics.CreateGauge(
        "aisle_model_version", "Version of the learned next-item model this silo serves: 0 = none yet (the live signals alone), n = the n-th one the training job published.");

    public static readonly Gauge ModelAge = Metrics.CreateGauge(
        "aisle_model_age_seconds", "Seconds since the learned model this silo serves was trained; 0 while it serves none.");

    public static readonly Counter ModelTrainings = Metrics.CreateCounter(
        "aisle_model_trainings_total", "Training runs of the learned model by outcome: published, kept_previous (the new one scored worse on the held-back slice), too_little_data, failed.", "outcome");

    /// <summary>When the served model was trained; read at each scrape to set <see cref="ModelAge"/>.</summary>
    private static long _modelTrainedAtTicks;

    // Business metrics carry the experiment and variant that served the shopper, so one dashboard compares variants.
    // Until experiments exist every series is experiment="none", variant="default"; the label set stays bounded by
    // the experiments defined, never by users or products.

    /// <summary>Experiment label value while no experiment is running.</summary>
    public const string NoExperiment = "none";

    /// <summary>Variant label value while no experiment is running.</summary>
    public const string DefaultVariant = "default";

    /// <summary>The list surfaces that show products: impressions are counted per surface.</summary>
    public static readonly IReadOnlyList<string> Surfaces = ["search", "similar", "recommend", "trending"];

    public static readonly Counter Impressions = Metrics.CreateCounter(
        "aisle_impressions_total", "Products shown: items returned in search, similar, recommendation and trending lists.",
        "experiment", "variant", "surface");

    public static readonly Counter Clicks = Metrics.CreateCounter(
        "aisle_clicks_total", "Click events accepted.", "experiment", "variant");

    public static readonly Counter AddToCarts = Metrics.CreateCounter(
        "aisle_add_to_carts_total", "Add-to-cart events accepted.", "experiment", "variant");

    public static readonly Counter Conversions = Metrics.CreateCounter(
        "aisle_conversions_total", "Purchase events accepted (stock reserved).", "experiment", "variant");

    public static readonly Counter Revenue = Metrics.CreateCounter(
        "aisle_revenue_inr_total", "Revenue of accepted purchases: live selling price times quantity, in the catalog's currency (INR).",
        "experiment", "variant");

    // LLM metrics: zero until an LLM is configured, published from the start so dashboards and alerts have series.

    /// <summary>The one LLM use planned so far: query understanding in front of the rules.</summary>
    public const string QueryUnderstandingPurpose = "query_understanding";

    public static readonly Counter LlmCalls = Metrics.CreateCounter(
        "aisle_llm_calls_total", "Calls made to the LLM, by purpose.", "purpose");

    public static readonly Histogram LlmCallDuration = Metrics.CreateHistogram(
        "aisle_llm_call_duration_seconds", "Latency of LLM calls, by purpose.",
        new HistogramConfiguration
        {
            LabelNames = ["purpose"],
            Buckets = Histogram.ExponentialBuckets(0.025, 2, 10),
        });

    public static readonly Counter LlmTimeouts = Metrics.CreateCounter(
        "aisle_llm_timeouts_total", "LLM calls abandoned at their deadline.", "purpose");

    public static readonly Counter LlmFallbacks = Metrics.CreateCounter(
        "aisle_llm_fallbacks_total", "Requests the rule-based path answered because the LLM's answer was not there or not usable, by reason (timeout, rate_limited, server_error, malformed, unknown_category, unknown_brand, circuit_open, failed).",
        "purpose", "reason");

    public static readonly Counter LlmCacheHits = Metrics.CreateCounter(
        "aisle_llm_cache_hits_total", "LLM answers served from the cache instead of a call.", "purpose");

    /// <summary>The other LLM use: complementary product types per category ("goes with").</summary>
    public const string ComplementsPurpose = "complements";

    /// <summary>Every LLM purpose, so each has series from the start.</summary>
    public static readonly IReadOnlyList<string> LlmPurposes = [QueryUnderstandingPurpose, ComplementsPurpose];

    public static readonly Gauge LlmCircuitState = Metrics.CreateGauge(
        "aisle_llm_circuit_state", "The LLM circuit breaker as this silo last saw it: 0 closed, 1 half-open (one trial call), 2 open (calls skipped).", "purpose");

    static AisleMetrics()
    {
        // A labelled series exists only once a child is created; create the known ones so they read 0, not absent.
        foreach (var surface in Surfaces)
        {
            Impressions.WithLabels(NoExperiment, DefaultVariant, surface);
        }

        Clicks.WithLabels(NoExperiment, DefaultVariant);
        AddToCarts.WithLabels(NoExperiment, DefaultVariant);
        Conversions.WithLabels(NoExperiment, DefaultVariant);
        Revenue.WithLabels(NoExperiment, DefaultVariant);
        foreach (var purpose in LlmPurposes)
        {
            LlmCalls.WithLabels(purpose);
            LlmCallDuration.WithLabels(purpose);
            LlmTimeouts.WithLabels(purpose);
            LlmCacheHits.WithLabels(purpose);
            LlmCircuitState.WithLabels(purpose).Set(0);
            foreach (var outcome in Enum.GetValues<Llm.LlmOutcome>().Where(o => o != Llm.LlmOutcome.Answered))
            {
                LlmFallbacks.WithLabels(purpose, Llm.LlmFailures.Label(outcome));
            }
        }
        VectorStoreFallbacks.WithLabels("search");
        foreach (var outcome in ModelTrainingOutcomes)
        {
            ModelTrainings.WithLabels(outcome);
        }

        // The age grows between publications; computing it at scrape time needs no timer.
        Metrics.DefaultRegistry.AddBeforeCollectCallback(() =>
        {
            var ticks = Interlocked.Read(ref _modelTrainedAtTicks);
            ModelAge.Set(ticks == 0 ? 0 : Math.Max(0, (DateTimeOffset.UtcNow - new DateTimeOffset(ticks, TimeSpan.Zero)).TotalSeconds));
        });
        VectorStoreUpdates.WithLabels("written");
        VectorStoreUpdates.WithLabels("failed");
    }

    /// <summary>Counts the items of one list served to a shopper as impressions of the variant that ranked it.</summary>
    public static void Shown(string surface, Experiments.Exposure? exposure, int items) =>
        Impressions.WithLabels(exposure?.Experiment ?? NoExperiment, exposure?.Variant ?? DefaultVariant, surface).Inc(items);

    /// <summary>Counts what one applied event means for the business, under the variant it was attributed to: a click,
    /// an add to cart, a conversion with its revenue (a product without a known price adds none), or a stock-out (a
    /// purchase refused; unknown products are turned away before, so lack of stock is the only reason left).</summary>
    public static void EventApplied(InteractionKind kind, EventOutcome outcome)
    {
        var experiment = outcome.Attributed?.Experiment ?? NoExperiment;
        var variant = outcome.Attributed?.Variant ?? DefaultVariant;
        switch (kind)
        {
            case InteractionKind.Click when outcome.Accepted:
                Clicks.WithLabels(experiment, variant).Inc();
                break;
            case InteractionKind.AddToCart when outcome.Accepted:
                AddToCarts.WithLabels(experiment, variant).Inc();
                break;
            case InteractionKind.Purchase when outcome.Accepted:
                Conversions.WithLabels(experiment, variant).Inc();
                if (outcome.Revenue is { } revenue && revenue > 0)
                {
                    Revenue.WithLabels(experiment, variant).Inc((double)revenue);
                }

                break;
            case InteractionKind.Purchase:
                StockOuts.Inc();
                break;
        }
    }

    /// <summary>The values of <see cref="ModelTrainings"/>' outcome label.</summary>
    public static readonly IReadOnlyList<string> ModelTrainingOutcomes = ["published", "kept_previous", "too_little_data", "failed"];

    /// <summary>Records the model this silo now serves.</summary>
    public static void ModelServed(long version, DateTimeOffset trainedAt)
    {
        ModelVersion.Set(version);
        Interlocked.Exchange(ref _modelTrainedAtTicks, trainedAt.UtcTicks);
    }

    /// <summary>Counts one run of the training job.</summary>
    public static void ModelTrained(string outcome) => ModelTrainings.WithLabels(outcome).Inc();

    /// <summary>Counts one request the rules answered because the LLM's answer ended in <paramref name="outcome"/>.</summary>
    public static void LlmFallback(string purpose, Llm.LlmOutcome outcome) => LlmFallbacks.WithLabels(purpose, Llm.LlmFailures.Label(outcome)).Inc();

    /// <summary>Publishes the state of the circuit of <paramref name="purpose"/> as this silo sees it.</summary>
    public static void LlmCircuit(string purpose, Llm.CircuitState state) => LlmCircuitState.WithLabels(purpose).Set((int)state);

    /// <summary>Times one pipeline stage into <see cref="StageDuration"/>; dispose to stop.</summary>
    public static Prometheus.ITimer Stage(string pipeline, string stage) => StageDuration.WithLabels(pipeline, stage).NewTimer();

    /// <summary>Times one vector index scan into <see cref="VectorScanDuration"/>; dispose to stop.</summary>
    public static Prometheus.ITimer VectorScan(string pipeline) => VectorScanDuration.WithLabels(pipeline).NewTimer();
}
