namespace Aisle.Frontend.Hosting;

/// <summary>
/// A grain call did not answer within what was left of its request's budget (<see cref="RequestDeadline"/>): its silo
/// died or is failing over, or the cluster is too busy. The API answers 503 with a <c>Retry-After</c>.
/// </summary>
public sealed class ClusterCallTimeoutException(string call, TimeSpan budget)
    : TimeoutException($"{call} did not answer within the request's {budget.TotalMilliseconds:F0} ms budget.");
