using Aisle.Catalog;

namespace Aisle.Tests.Shopping;

/// <summary>
/// The products of the cart tests, apart from the other grain tests' catalog so neither breaks the other. One cluster
/// is shared by all tests of a class and stock outlives a test, so every test owns its product ids.
/// </summary>
public static class ShoppingTestCatalog
{
    public static (Product[] Products, float[][] Vectors) Build()
    {
        var products = new[]
        {
            Item("cart-edit-a", stock: 20),
            Item("cart-edit-b", stock: 20),
            Item("cart-soldout", stock: 0),
            Item("cart-few", stock: 3),
            Item("cart-buy-a", stock: 10, price: 100m),
            Item("cart-buy-b", stock: 10, price: 250m),
            Item("cart-meanwhile-gone", stock: 5),
            Item("cart-meanwhile-kept", stock: 10, price: 40m),
            Item("cart-twice", stock: 10),
            Item("cart-race", stock: 10),
            Item("cart-persist", stock: 10),
            Item("cart-unrecorded", stock: 10),
            Item("cart-empty", stock: 10),
        };

        // Cart tests never rank, so any unit vectors do; one axis each keeps them distinct.
        var vectors = products.Select((_, i) => Axis(i % Dimensions)).ToArray();
        return (products, vectors);
    }

    private const int Dimensions = 8;

    private static float[] Axis(int axis)
    {
        var v = new float[Dimensions];
        v[axis] = 1;
        return v;
    }

    private static Product Item(string id, int stock, decimal price = 199m) =>
        new(id, "SKU-" + id, "Test product " + id, "Acme", ["Home & Kitchen", "Kitchen Tools"],
            RetailPrice: price * 1.5m, DiscountedPrice: price, Rating: 4.0, Description: null, InitialStock: stock);
}
