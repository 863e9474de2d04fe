using Aisle.Experiments;

namespace Aisle.Users;

/// <summary>
/// Which experiment variant, if any, an accepted event counts for: the one named by the request id it carries, when
/// that experiment is running, the shopper was served by that very variant, and the event falls within the
/// experiment's attribution window after the list was served. Pure, so it is tested without grains.
/// </summary>
public static class Attribution
{
    /// <summary>Events stamped a little before the list they came from (client clocks) still count.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public sealed record Result(Exposure Exposure, VariantCounters Delta, ExperimentMembership Membership);

    /// <param name="revenue">Price × quantity of an accepted purchase.</param>
    public static Result? Attribute(
        ShopperEvent e, double revenue, IReadOnlyDictionary<string, ExperimentMembership> memberships, ExperimentSet experiments)
    {
        if (e.Kind is not (InteractionKind.Click or InteractionKind.AddToCart or InteractionKind.Purchase) ||
            RequestIds.Parse(e.RequestId) is not var (exposure, servedAt) ||
            experiments.Find(exposure.Experiment) is not { Status: ExperimentStatus.Running } experiment ||
            !memberships.TryGetValue(exposure.Experiment, out var member) || member.Variant != exposure.Variant)
        {
            return null;
        }

        var age = e.Timestamp - servedAt;
        if (age < -ClockSkew || age > experiment.AttributionWindow)
        {
            return null;
        }

        var delta = e.Kind switch
        {
            InteractionKind.Click => VariantCounters.Zero with { Clicks = 1 },
            InteractionKind.AddToCart => VariantCounters.Zero with { AddToCarts = 1 },
            _ => VariantCounters.Zero with
            {
                Purchases = 1,
                Converters = member.Converted ? 0 : 1,
                Revenue = revenue,
                RevenueSquares = (member.Revenue + revenue) * (member.Revenue + revenue) - member.Revenue * member.Revenue,
            },
        };
        var updated = e.Kind == InteractionKind.Purchase ? member with { Revenue = member.Revenue + revenue, Converted = true } : member;
        return new Result(exposure, delta, updated);
    }
}
