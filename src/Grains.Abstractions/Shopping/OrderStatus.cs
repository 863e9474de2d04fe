namespace Aisle.Shopping;

/// <summary>Whether an order's outcome is known.</summary>
[GenerateSerializer]
public enum OrderStatus
{
    /// <summary>The purchase was made and its outcome per line recorded.</summary>
    Placed,

    /// <summary>
    /// The purchase was sent but its outcome was never recorded (a crash or failed write in between): some lines may
    /// have been bought. Its lines read <see cref="OrderLine.NotConfirmed"/> and are no longer in the cart; a retry
    /// with the same order id answers this order and buys nothing.
    /// </summary>
    Unconfirmed,
}
