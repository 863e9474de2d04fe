using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Aisle.Catalog;

namespace Aisle.Cli.SearchEvaluation;

/// <summary>
/// Asks a running Aisle every judged query through its public search API — the same path a storefront takes, so it
/// measures whichever query understanding the server is configured with — and scores the top
/// <see cref="SearchRelevance.Cutoff"/> against the judgements and the catalog.
/// </summary>
public sealed class SearchEvaluator(HttpClient client, IReadOnlyList<Product> catalog)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<SearchEvaluationRun> RunAsync(IReadOnlyList<SearchJudgement> judgements, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<QueryOutcome>(judgements.Count);
        foreach (var judgement in judgements)
        {
            outcomes.Add(await EvaluateAsync(judgement, cancellationToken));
        }

        return new SearchEvaluationRun(outcomes);
    }

    /// <summary>Products in the catalog the judgement counts relevant.</summary>
    public int RelevantInCatalog(SearchJudgement judgement) =>
        catalog.Count(p => judgement.IsRelevant(p.Category, p.Name, p.Price));

    private async Task<QueryOutcome> EvaluateAsync(SearchJudgement judgement, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(
            $"api/search?q={Uri.EscapeDataString(judgement.Query)}&limit={SearchRelevance.Cutoff}", cancellationToken);
        var latency = Stopwatch.GetElapsedTime(started);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"search '{judgement.Query}' answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var list = await response.Content.ReadFromJsonAsync<SearchAnswer>(Json, cancellationToken)
                   ?? throw new InvalidDataException($"search '{judgement.Query}' answered an empty body");
        var shown = list.Items.Take(SearchRelevance.Cutoff)
            .Select(i => new ShownResult(i.Name, i.Category, i.Price, judgement.IsRelevant(i.Category, i.Name, i.Price)))
            .ToList();
        var flags = shown.Select(s => s.Relevant).ToList();
        var relevant = RelevantInCatalog(judgement);
        return new QueryOutcome(
            judgement,
            relevant,
            shown,
            SearchRelevance.Precision(flags),
            SearchRelevance.Ndcg(flags, relevant),
            shown.Count(s => judgement.BreaksPrice(s.Price)),
            Describe(list.Understood),
            latency);
    }

    private static string Describe(Understanding? understood)
    {
        if (understood is null)
        {
            return "";
        }

        var parts = new List<string>();
        if (understood.Category is { } category) parts.Add(category);
        if (understood.Brand is { } brand) parts.Add($"brand {brand}");
        if (understood.Gender is { } gender) parts.Add(gender);
        if (understood.MinPrice is not null || understood.MaxPrice is not null) parts.Add($"price {understood.MinPrice}–{understood.MaxPrice}");
        return string.Join(", ", parts);
    }

    // Only what is scored: the API's list answer has more.
    private sealed record SearchAnswer(IReadOnlyList<Item> Items, Understanding? Understood);

    private sealed record Item(string Name, string Category, decimal? Price);

    private sealed record Understanding(string? Category, string? Brand, string? Gender, double? MinPrice, double? MaxPrice);
}
