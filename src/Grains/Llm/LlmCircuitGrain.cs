using Aisle.Observability;
using Microsoft.Extensions.Options;

namespace Aisle.Llm;

/// <summary>
/// The cluster's circuit breaker for one model use. In memory: a silo restart closes it again, which costs at most
/// <see cref="LlmOptions.FailureThreshold"/> more failed calls. Only cache misses consult it, so its load follows model
/// calls, not page views.
/// </summary>
public sealed class LlmCircuitGrain(IOptions<LlmOptions> options, TimeProvider clock) : Grain, ILlmCircuitGrain
{
    private readonly LlmOptions _options = options.Value;
    private CircuitState _state = CircuitState.Closed;
    private int _failures;
    private DateTimeOffset _openUntil;
    private DateTimeOffset _trialUntil;

    public Task<bool> TryAcquireAsync()
    {
        var now = clock.GetUtcNow();
        switch (_state)
        {
            case CircuitState.Closed:
                return Task.FromResult(true);
            case CircuitState.Open when now >= _openUntil:
            case CircuitState.HalfOpen when now >= _trialUntil:
                // One trial call; a trial that never reports (its silo died) is replaced after a call's timeout.
                Set(CircuitState.HalfOpen);
                _trialUntil = now + _options.CallTimeout + _options.CallTimeout;
                return Task.FromResult(true);
            default:
                return Task.FromResult(false);
        }
    }

    public Task<CircuitState> ReportAsync(bool succeeded)
    {
        if (succeeded)
        {
            _failures = 0;
            Set(CircuitState.Closed);
        }
        else if (++_failures >= _options.FailureThreshold || _state == CircuitState.HalfOpen)
        {
            _openUntil = clock.GetUtcNow() + _options.OpenDuration;
            Set(CircuitState.Open);
        }

        return Task.FromResult(_state);
    }

    public Task<CircuitState> GetStateAsync() => Task.FromResult(_state);

    private void Set(CircuitState state)
    {
        _state = state;
        AisleMetrics.LlmCircuit(this.GetPrimaryKeyString(), state);
    }
}
