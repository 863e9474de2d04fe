using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace Aisle.Catalog;

/// <summary>
/// Places a grain on the silo its key names (<c>SiloAddress.ToParsableString()</c>): for grains that stand for one
/// silo, such as each silo's <see cref="ReplicaSinkGrain"/>.
/// </summary>
/// <remarks>
/// Prefer-local placement put such a grain wherever the first caller to miss it in the grain directory ran. Orleans'
/// default directory forgets the entries a silo held when that silo leaves, so after silos were replaced a remote
/// caller could miss a sink alive on its own silo and activate it on the caller's silo instead, where it must refuse
/// to live, and that silo's replica stopped hearing other silos' changes (the likely cause of a sink unreachable for
/// 15 s, twice in CI; inferred from the refusals, not caught in the act). Placed by its key, the call reaches the
/// right silo, which already holds the activation.
/// </remarks>
[GenerateSerializer, Immutable]
public sealed class SiloKeyedPlacement : PlacementStrategy
{
    public static readonly SiloKeyedPlacement Instance = new();
}

/// <summary>Marks a grain class for <see cref="SiloKeyedPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloKeyedPlacementAttribute() : PlacementAttribute(SiloKeyedPlacement.Instance);

/// <summary>Chooses the silo a <see cref="SiloKeyedPlacement"/> grain's key names, if it is an active member.</summary>
public sealed class SiloKeyedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.Key.ToString()!;
        var silo = SiloAddress.FromParsableString(key);
        return context.GetCompatibleSilos(target).Contains(silo)
            ? Task.FromResult(silo)
            : throw new SiloUnavailableException($"Grain {target.GrainIdentity} belongs to silo {key}, which is not an active member of the cluster.");
    }
}
