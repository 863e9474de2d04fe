using System.CommandLine;
using Aisle.Cli.Scale;

namespace Aisle.Cli;

/// <summary><c>aisle generate-catalog</c>: a 200k or 1M product benchmark catalog derived from the real 20k by perturbation,
/// with its vectors, in a directory the app and <c>scale-bench</c> load without embedding anything.</summary>
public static class GenerateCatalogCommand
{
    public static Command Create()
    {
        var size = new Option<int>("--size") { Description = "Products to generate (e.g. 200000 or 1000000); the first 20k are the real catalog", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory to write catalog.csv and the embedding cache into (never commit it)", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the derivation: the same seed gives the same catalog, and a smaller one is a prefix of a larger", DefaultValueFactory = _ => 11 };
        var noise = new Option<float>("--noise") { Description = "Standard deviation of the gaussian noise added per vector component before re-normalising (0.02 ≈ cosine 0.93 to the source product)", DefaultValueFactory = _ => 0.02f };
        var cache = new Option<DirectoryInfo>("--embedding-cache") { Description = "Where the real catalog's embeddings are cached (the app's Aisle:EmbeddingCacheDirectory); computed with the real model when missing", DefaultValueFactory = _ => new DirectoryInfo(".aisle-data") };

        var command = new Command("generate-catalog", "Derive a benchmark catalog (rows and vectors) from the bundled 20k Flipkart catalog and its real embeddings.")
        {
            size, output, seed, noise, cache,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var products = parse.GetValue(size);
            if (products < 1)
            {
                Console.Error.WriteLine("--size must be positive.");
                return 2;
            }

            var generator = new CatalogGenerator(
                products,
                parse.GetValue(output)!.FullName,
                parse.GetValue(cache)!.FullName,
                new CatalogDerivation(parse.GetValue(seed), parse.GetValue(noise)));
            return await generator.RunAsync(cancellationToken);
        });
        return command;
    }
}
