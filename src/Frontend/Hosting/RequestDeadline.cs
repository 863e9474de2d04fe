using System.Diagnostics;

namespace Aisle.Frontend.Hosting;

/// <summary>
/// The time one HTTP request's grain calls may take in cluster mode, together: set by middleware when the request
/// arrives, read by <see cref="CallDeadlineFilter"/> on every grain call the request makes (an <see cref="AsyncLocal{T}"/>
/// flows through its awaits, and into calls it starts and does not await).
/// </summary>
/// <remarks>
/// A budget per request rather than per call, because a request may make several calls one after another (a cart
/// read, then a checkout) and the shopper waits for their sum. A silo that dies with a call in flight never answers it;
/// the budget turns that wait into a 503 the client can retry, instead of Orleans' response timeout.
/// </remarks>
public static class RequestDeadline
{
    /// <summary>Configuration key <c>Aisle:Cluster:RequestBudgetMs</c>: the budget, default 1500 ms.</summary>
    public const string BudgetKey = "Aisle:Cluster:RequestBudgetMs";

    /// <summary>
    /// 1.5 s: the promise is an answer within 2 s, and the rest is kept for Kestrel, serialization and a
    /// busy machine's scheduling. Normal requests take milliseconds; only a call to a dead silo or a database that
    /// does not answer comes near it.
    /// </summary>
    public const int DefaultBudgetMs = 1500;

    private static readonly AsyncLocal<long> Deadline = new();

    /// <summary>Time left for the current request's grain calls, or null outside a request (background work).</summary>
    public static TimeSpan? Remaining
    {
        get
        {
            var deadline = Deadline.Value;
            return deadline == 0 ? null : Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
        }
    }

    /// <summary>Gives every request a budget of <c>Aisle:Cluster:RequestBudgetMs</c>.</summary>
    public static WebApplication UseRequestDeadline(this WebApplication app)
    {
        var budget = TimeSpan.FromMilliseconds(Math.Max(1, app.Configuration.GetValue(BudgetKey, DefaultBudgetMs)));
        app.Use(async (context, next) =>
        {
            Deadline.Value = Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency);
            try
            {
                await next(context);
            }
            finally
            {
                Deadline.Value = 0;
            }
        });
        return app;
    }
}
