using Aisle.Observability;

namespace Aisle.Learning;

/// <summary>
/// The learned model this silo serves, one per silo. Installing replaces the whole immutable snapshot with one
/// reference write: a request reads <see cref="Current"/> once and keeps that snapshot to its end, so publishing never
/// pauses or mixes two models in one list. Null until the first model arrives; recommendations then use the live
/// signals alone.
/// </summary>
public sealed class ModelSlot
{
    private volatile ServedModel? _current;

    public ServedModel? Current => _current;

    public long Version => _current?.Version ?? 0;

    /// <summary>Serves <paramref name="model"/> from now on (the id index is built before the swap, off the request path).</summary>
    public void Install(ItemModel model)
    {
        var served = new ServedModel(model);
        _current = served;
        AisleMetrics.ModelServed(model.Version, model.TrainedAt);
    }
}
