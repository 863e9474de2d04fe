using Aisle.Retrieval;

namespace Aisle.Tests.Retrieval;

public sealed class VectorConcurrencyTests
{
    [Fact]
    public async Task SearchesDuringUpsertsSeeOnlyWholeRows()
    {
        // Each document flips between two known versions; a hit whose score matches neither came from a torn row.
        var data = VectorTestData.Create(2000, seed: 21);
        var alternate = VectorTestData.Create(2000, seed: 22);
        var index = data.BuildIndex();
        var versions = data.Documents.Zip(alternate.Documents, (a, b) => (a, b: b with { Id = a.Id }))
            .ToDictionary(p => p.a.Id, p => (A: p.a, B: p.b));
        var queries = Enumerable.Range(0, 20).Select(data.Query).ToArray();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();

        var writer = Task.Run(() =>
        {
            for (var round = 0; round < 6; round++)
            {
                foreach (var batch in versions.Values.Select(v => round % 2 == 0 ? v.B : v.A).Chunk(IVectorIndex.MaxUpsertBatch))
                {
                    index.Upsert(batch);
                }
            }

            // Appends (which grow the arrays) race searches too.
            foreach (var batch in VectorTestData.Create(1500, seed: 23).Documents.Select(d => d with { Id = "new-" + d.Id }).Chunk(IVectorIndex.MaxUpsertBatch))
            {
                index.Upsert(batch);
            }
        });

        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            var searches = 0;
            while (!writer.IsCompleted || searches < 50)
            {
                var query = queries[searches++ % queries.Length];
                var hits = index.Search(query, 10);
                if (hits.Count != 10 || hits.Select(h => h.Id).Distinct().Count() != 10)
                {
                    failures.Add($"wrong hit count or duplicates: {hits.Count}");
                }

                for (var i = 0; i < hits.Count; i++)
                {
                    if (i > 0 && hits[i - 1].Score < hits[i].Score)
                    {
                        failures.Add("hits out of order");
                    }

                    if (versions.TryGetValue(hits[i].Id, out var v)
                        && Math.Abs(hits[i].Score - VectorTestData.Cosine(v.A.Vector.Span, query)) > 1e-4
                        && Math.Abs(hits[i].Score - VectorTestData.Cosine(v.B.Vector.Span, query)) > 1e-4)
                    {
                        failures.Add($"{hits[i].Id} scored {hits[i].Score}, matching neither version");
                    }
                }
            }

            return searches;
        })).ToArray();

        await writer;
        var counts = await Task.WhenAll(readers);

        Assert.Empty(failures);
        Assert.All(counts, c => Assert.True(c >= 50));
        Assert.Equal(3500, index.Count);
    }
}
