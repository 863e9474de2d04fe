using Aisle.Catalog;
using Aisle.Hosting;
using Aisle.Products;
using Aisle.Recommendations;
using Aisle.Users;

namespace Aisle.Shopping;

/// <summary>
/// A shopper's cart and last orders. Every change is written through before it is answered, and rolled back in memory
/// when the write fails, so what a caller was told is what storage holds (the style of <see cref="ProductGrain"/>).
/// </summary>
/// <remarks>
/// A checkout is two writes around one purchase call. The first moves the lines out of the cart into an
/// <see cref="OrderStatus.Unconfirmed"/> order (the marker), the second replaces it with the outcome and puts refused
/// lines back. Grain turns do not interleave, so no other call sees the cart between them. If the second never
/// happens (a crash, a failed write, a purchase call that failed or timed out), the outcome is unknown: the marker
/// stays, a retry with the same order id answers it and buys nothing, and its lines are not in the cart to be bought
/// twice by a new order id. Which of them were bought then shows in stock and in the shopper's profile, not here:
/// reconciling that (exactly once across crashes) is left for later.
/// </remarks>
[GrainType("cart")]
public sealed class CartGrain(
    [PersistentState("cart", AisleStorage.Name)] IPersistentState<CartState> state,
    CatalogReplica replica,
    TimeProvider clock) : Grain, ICartGrain
{
    public Task<Cart> GetAsync() => Task.FromResult(CurrentCart);

    public async Task<CartUpdate> AddAsync(string productId, int quantity, string? requestId)
    {
        if (!TryGetProduct(productId, out var row, out var id))
        {
            return new CartUpdate(CurrentCart, CartEdits.Unknown(productId));
        }

        return await ApplyAsync(CartEdits.Add(state.State.Lines, id, quantity, requestId, replica.Stock(row), clock.GetUtcNow()));
    }

    public async Task<CartUpdate> SetQuantityAsync(string productId, int quantity)
    {
        if (quantity == 0)
        {
            // Removing needs no catalog: a line must go even if its product left the catalog.
            return new CartUpdate(await RemoveAsync(productId), null);
        }

        if (!TryGetProduct(productId, out var row, out var id))
        {
            return new CartUpdate(CurrentCart, CartEdits.Unknown(productId));
        }

        return await ApplyAsync(CartEdits.SetQuantity(state.State.Lines, id, quantity, replica.Stock(row), clock.GetUtcNow()));
    }

    public async Task<Cart> RemoveAsync(string productId)
    {
        var lines = CartEdits.Remove(state.State.Lines, productId);
        if (lines.Count != state.State.Lines.Count)
        {
            await ChangeDurablyAsync(state.State with { Lines = lines });
        }

        return CurrentCart;
    }

    public async Task<CheckoutResult> CheckoutAsync(string orderId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        if (Find(orderId) is { } known)
        {
            return new CheckoutResult(known, Repeated: true);
        }

        var now = clock.GetUtcNow();
        var lines = state.State.Lines;
        if (lines.IsEmpty)
        {
            // Nothing bought, nothing stored: the id stays free for a checkout that has something to buy.
            return new CheckoutResult(new Order(orderId, now, []), Repeated: false);
        }

        EnsureCatalog();
        var unconfirmed = Checkouts.Unconfirmed(orderId, now, lines.Select(DescribeAtCheckout));
        await ChangeDurablyAsync(state.State with { Lines = [], Orders = Checkouts.Remember(state.State.Orders, unconfirmed) });

        // One call for every line: the user grain reserves each line's stock all or nothing and learns the purchases.
        var events = lines.Select(l => new ShopperEvent(InteractionKind.Purchase, l.ProductId, null, l.Quantity, now, l.RequestId)).ToArray();
        var outcomes = await GrainFactory.GetGrain<IUserGrain>(this.GetPrimaryKeyString()).RecordAsync(events);
        var refusals = await RefusalsAsync(lines, outcomes);

        var order = Checkouts.Settle(unconfirmed, refusals);
        var refused = lines.Where((_, i) => refusals[i] is not null);
        await ChangeDurablyAsync(state.State with
        {
            Lines = state.State.Lines.InsertRange(0, refused),
            Orders = Checkouts.Remember(state.State.Orders, order),
        });
        return new CheckoutResult(order, Repeated: false) { Outcomes = outcomes };
    }

    public Task<Order?> GetOrderAsync(string orderId) => Task.FromResult(Find(orderId));

    public Task<IReadOnlyList<Order>> GetOrdersAsync() => Task.FromResult<IReadOnlyList<Order>>(state.State.Orders);

    private Cart CurrentCart => new(state.State.Lines);

    private Order? Find(string orderId) => state.State.Orders.Find(o => o.OrderId == orderId);

    /// <summary>Finds a catalog product, with the catalog's own id string (so the state holds no foreign copies).</summary>
    private bool TryGetProduct(string productId, out int row, out string id)
    {
        EnsureCatalog();
        var found = replica.TryGetRow(productId, out row);
        id = found ? replica.Product(row).Id : productId;
        return found;
    }

    private void EnsureCatalog()
    {
        // Before the replica is loaded every product would look unknown; refuse rather than answer "unknown".
        if (!replica.Ready)
        {
            throw new CatalogNotReadyException(replica.Stage);
        }
    }

    /// <summary>A cart line as an order line, with the product's name and live price now.</summary>
    private OrderLine DescribeAtCheckout(CartLine line)
    {
        var known = replica.TryGetRow(line.ProductId, out var row);
        var price = known ? replica.Price(row) : null;
        return new OrderLine(
            line.ProductId,
            known ? replica.Product(row).Name : line.ProductId,
            line.Quantity,
            price is { } p ? (decimal)p : null,
            line.RequestId,
            Bought: false,
            Refusal: null);
    }

    /// <summary>Per line, null when bought, else why not. A stock refusal is worded from the product grain's own
    /// count (the replica may lag behind another silo's sale); when even that fails, the user grain's reason stands.</summary>
    private async Task<string?[]> RefusalsAsync(IReadOnlyList<CartLine> lines, IReadOnlyList<EventOutcome> outcomes)
    {
        var refusals = new string?[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            var outcome = i < outcomes.Count ? outcomes[i] : new EventOutcome(false, OrderLine.NotConfirmed);
            if (outcome.Accepted)
            {
                continue;
            }

            refusals[i] = outcome.Error ?? "Refused";
            if (!replica.TryGetRow(lines[i].ProductId, out _))
            {
                refusals[i] = CartEdits.Unknown(lines[i].ProductId);
                continue;
            }

            try
            {
                if (await GrainFactory.GetGrain<IProductGrain>(lines[i].ProductId).GetAsync() is { } product
                    && product.Stock < lines[i].Quantity)
                {
                    refusals[i] = Checkouts.OutOfStock(product.Stock);
                }
            }
            catch (Exception)
            {
                // The wording is a nicety; losing the recorded outcome over it would not be.
            }
        }

        return refusals;
    }

    private async Task<CartUpdate> ApplyAsync(CartEdit edit)
    {
        if (edit.Error is null && edit.Lines != state.State.Lines)
        {
            await ChangeDurablyAsync(state.State with { Lines = edit.Lines });
        }

        return new CartUpdate(CurrentCart, edit.Error);
    }

    private async Task ChangeDurablyAsync(CartState next)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not written means not done: the caller sees the failure, so the cart must not show the change either.
            state.State = previous;
            throw;
        }
    }
}
