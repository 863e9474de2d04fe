using System.Runtime.CompilerServices;
using Aisle.Catalog;
using Aisle.Storage;
using Aisle.Users;

namespace Aisle.Learning;

/// <summary>One shopper's products, oldest first, as training reads them.</summary>
public sealed record ShopperSequence(string ShopperId, IReadOnlyList<string> Items);

/// <summary>
/// Every stored shopper's behaviour as a sequence of products: the stored user states read in bulk
/// (<see cref="IGrainStateReader"/>, no grain activated), each state's recent interactions (the last
/// <see cref="ProfileUpdater.MaxRecent"/>) oldest first, with repeats of the same product in a row collapsed (a view
/// then a purchase of one product is one step, not a transition to itself).
/// </summary>
public static class StoredSequences
{
    public static async IAsyncEnumerable<ShopperSequence> ReadAsync(
        IGrainStateReader reader, CatalogReplica replica, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var keys = CatalogKeys.Of(replica);
        await foreach (var stored in reader.ReadAllAsync<UserState>("user", "user", cancellationToken))
        {
            var state = UserStateFormat.Unpack(stored.State, keys);
            var items = new List<string>(state.Recent.Count);
            for (var i = state.Recent.Count - 1; i >= 0; i--)
            {
                var id = state.Recent[i].ProductId;
                if (items.Count == 0 || items[^1] != id)
                {
                    items.Add(id);
                }
            }

            if (items.Count > 0)
            {
                yield return new ShopperSequence(stored.Key, items);
            }
        }
    }
}
