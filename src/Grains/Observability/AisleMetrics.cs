using Prometheus;

namespace Aisle.Observability;

/// <summary>
/// Every business and pipeline metric Aisle defines, in one place. Names follow Prometheus conventions (base units,
/// <c>_total</c> for counters) and labels stay bounded: never a user or product id.
/// </summary>
public static class AisleMetrics
{
    public static readonly Counter Events = Metrics.CreateCounter(
        "aisle_events_total", "Behaviour events by kind and outcome.", "kind", "outcome");

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

    /// <summary>Times one pipeline stage into <see cref="StageDuration"/>; dispose to stop.</summary>
    public static Prometheus.ITimer Stage(string pipeline, string stage) => StageDuration.WithLabels(pipeline, stage).NewTimer();
}
