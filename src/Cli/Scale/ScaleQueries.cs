using System.Numerics.Tensors;
using System.Web;
using Aisle.Catalog;
using Aisle.Cli.Bench;
using Aisle.Embeddings;
using Aisle.Retrieval;

namespace Aisle.Cli.Scale;

/// <summary>
/// The queries of the scale benchmark: the real search mix (<see cref="BenchQueries"/>) embedded with the real model,
/// each with the filters its filtered twin adds, then perturbed vectors of real products filtered by the product's
/// department and stock. Drawn from the real 20k rows only, so every catalog size answers the same queries.
/// </summary>
public static class ScaleQueries
{
    public static async Task<IReadOnlyList<ScaleQuery>> CreateAsync(BenchmarkCatalog catalog, int count, int seed, float noise, CancellationToken cancellationToken)
    {
        using var model = new MiniLmEmbeddingGenerator();
        var mix = BenchQueries.Mix;
        var embedded = await model.GenerateAsync(mix.Select(q => q.Text), cancellationToken: cancellationToken);
        var queries = mix.Select((q, i) => new ScaleQuery("real text", embedded[i].Vector.ToArray(), Filter(q.Filters))).ToList();

        var random = new Random(seed);
        var realRows = Math.Min(20_000, catalog.Products.Count);
        while (queries.Count < count)
        {
            var row = random.Next(realRows);
            var product = catalog.Products[row];
            var vector = catalog.Vectors[row].ToArray();
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] += noise * (float)(Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
            }

            TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
            var department = product.CategoryPath.Count > 0 ? product.CategoryPath[0] : null;
            queries.Add(new ScaleQuery("perturbed product", vector, new VectorFilter(Category: department, InStockOnly: true)));
        }

        return queries;
    }

    /// <summary>The filters of a <see cref="BenchQueries.Query"/>, from its query-string form.</summary>
    public static VectorFilter Filter(string queryString)
    {
        var values = HttpUtility.ParseQueryString(queryString);
        return new VectorFilter(
            Category: values["category"],
            Brand: values["brand"],
            MinPrice: double.TryParse(values["minPrice"], System.Globalization.CultureInfo.InvariantCulture, out var min) ? min : null,
            MaxPrice: double.TryParse(values["maxPrice"], System.Globalization.CultureInfo.InvariantCulture, out var max) ? max : null,
            InStockOnly: values["inStock"] == "true");
    }

    /// <summary>The filter columns of a product as the app indexes them (price as paid, stock at load).</summary>
    public static VectorMetadata Metadata(Product product) =>
        new(product.Category, product.Brand, (double?)product.Price, product.InitialStock > 0);
}
