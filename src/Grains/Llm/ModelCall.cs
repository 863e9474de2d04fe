using System.Diagnostics;
using Aisle.Observability;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Aisle.Llm;

/// <summary>
/// One structured-output call to the model for one purpose, as every cache grain makes it: through the purpose's
/// cluster circuit (<see cref="ILlmCircuitGrain"/>), bounded by <see cref="LlmOptions.CallTimeout"/>, counted and timed
/// by purpose, its failure classified (<see cref="LlmFailures"/>) and never thrown.
/// </summary>
public static partial class ModelCall
{
    /// <param name="read">Checks the reply's text against the catalog: the reading, or why it cannot be used.</param>
    public static async Task<(LlmOutcome Outcome, T? Reading)> AskAsync<T>(
        IGrainFactory grains, IChatClient chat, string purpose, LlmOptions options, IEnumerable<ChatMessage> messages, ChatOptions prompt,
        Func<string?, (LlmOutcome, T?)> read, ILogger logger)
        where T : class
    {
        var circuit = grains.GetGrain<ILlmCircuitGrain>(purpose);
        if (!await circuit.TryAcquireAsync())
        {
            return (LlmOutcome.CircuitOpen, null);
        }

        var started = Stopwatch.GetTimestamp();
        AisleMetrics.LlmCalls.WithLabels(purpose).Inc();
        using var deadline = new CancellationTokenSource(options.CallTimeout);
        LlmOutcome outcome;
        T? reading = null;
        try
        {
            var chatOptions = prompt.Clone();
            chatOptions.ModelId = options.Model;
            var response = await chat.GetResponseAsync(messages, chatOptions, deadline.Token);
            (outcome, reading) = read(response.Text);
        }
        catch (Exception ex)
        {
            outcome = LlmFailures.Classify(ex);
            LogCallFailed(logger, purpose, LlmFailures.Label(outcome), ex.Message);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        AisleMetrics.LlmCallDuration.WithLabels(purpose).Observe(elapsed.TotalSeconds);
        if (outcome == LlmOutcome.Timeout)
        {
            AisleMetrics.LlmTimeouts.WithLabels(purpose).Inc();
        }

        // An answer slower than the budget came too late for the request that asked: a model that is always that slow
        // should stop being waited for, so it counts against the circuit even though the answer is kept.
        await circuit.ReportAsync(!LlmFailures.CountsAgainstService(outcome) && elapsed <= options.Budget);
        return (outcome, reading);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM call for {Purpose} failed ({Reason}): {Message}")]
    private static partial void LogCallFailed(ILogger logger, string purpose, string reason, string message);
}
