using Aisle.Catalog;

namespace Aisle.Retrieval;

/// <summary>A replica row as the vector document every store indexes: the embedding and the filterable columns as they are now.</summary>
public static class CatalogDocuments
{
    public static VectorDocument Of(CatalogReplica replica, int row)
    {
        var product = replica.Product(row);
        return new VectorDocument(product.Id, replica.Vector(row),
            new VectorMetadata(product.Category, product.Brand, replica.Price(row), replica.Stock(row) > 0, replica.Genders(row)));
    }
}
