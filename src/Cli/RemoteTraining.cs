using System.Net.Http.Json;
using Aisle.Cli.Simulation;
using Aisle.Learning;

namespace Aisle.Cli;

/// <summary>Starts a running Aisle's model training through the admin API and waits for it to finish.</summary>
public static class RemoteTraining
{
    /// <returns>0 when the run finished (published, or the previous model kept), 1 when it failed, 2 when the server refused.</returns>
    public static async Task<int> RunAsync(Uri server, string? apiKey, Action<string> log, CancellationToken cancellationToken, TimeSpan? poll = null)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        if (!string.IsNullOrEmpty(apiKey))
        {
            http.DefaultRequestHeaders.Add(AisleClient.ApiKeyHeader, apiKey);
        }

        using var started = await http.PostAsync("api/admin/model/train", null, cancellationToken);
        if (!started.IsSuccessStatusCode)
        {
            log($"The server refused: {(int)started.StatusCode} {await started.Content.ReadAsStringAsync(cancellationToken)}");
            return 2;
        }

        var status = await started.Content.ReadFromJsonAsync<ModelTrainingStatus>(AisleClient.Json, cancellationToken);
        log($"Training started (version {status?.Version ?? 0} in service).");
        while (status is { Running: true })
        {
            await Task.Delay(poll ?? TimeSpan.FromSeconds(2), cancellationToken);
            status = await http.GetFromJsonAsync<ModelTrainingStatus>("api/admin/model", AisleClient.Json, cancellationToken);
        }

        if (status?.Last is not { } last)
        {
            log("The training job answered no report.");
            return 1;
        }

        log($"{last.Outcome}: version {last.Version} in service; held-back HR@10 / NDCG@10 new {last.Candidate.HitRate10:0.0000} / {last.Candidate.Ndcg10:0.0000}, " +
            $"previous {last.Previous.HitRate10:0.0000} / {last.Previous.Ndcg10:0.0000} ({last.Candidate.Shoppers:N0} held-back shoppers); " +
            $"{last.Shoppers:N0} shoppers trained on in {last.Seconds:0.0} s{(last.Error is null ? "" : "; " + last.Error)}");
        return last.Outcome == "failed" ? 1 : 0;
    }
}
