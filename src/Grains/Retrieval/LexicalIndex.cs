using Aisle.Catalog;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Aisle.Retrieval;

/// <summary>
/// In-memory BM25 keyword index over product name (weighted highest), brand and category path, built with Lucene.Net.
/// Searches are thread-safe and never throw on user text: queries are built from analysed terms, never parsed.
/// <see cref="Upsert(IEnumerable{Product})"/> adds or replaces products; searches started afterwards see them.
/// </summary>
public sealed class LexicalIndex : IDisposable
{
    private const string IdField = "id";
    private const string OrdinalField = "ord";
    private const string NameField = "name";
    private const string BrandField = "brand";
    private const string CategoryField = "category";

    // The name says what the product is; brand and category words are shared by many products and weigh less.
    private const float NameBoost = 2.0f;
    private const float BrandBoost = 1.5f;
    private const float CategoryBoost = 1.0f;

    // A term found in several fields scores its best field plus a share of the others.
    private const float FieldTieBreaker = 0.3f;

    private readonly RAMDirectory _directory = new();
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly System.Threading.Lock _writeLock = new();
    private readonly Dictionary<string, int> _ordinals = new(StringComparer.Ordinal);

    // Ordinal → id. Grown under the write lock and published before the searcher is refreshed, so a searcher never
    // sees an ordinal the array it reads does not hold.
    private volatile string[] _ids = new string[1024];

    /// <summary>Builds the index from <paramref name="products"/> (later duplicates of an id replace earlier ones).</summary>
    public LexicalIndex(IEnumerable<Product> products)
    {
        ArgumentNullException.ThrowIfNull(products);
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, TextAnalysis.Analyzer)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = new BM25Similarity(),
            RAMBufferSizeMB = 64,
        };
        _writer = new IndexWriter(_directory, config);
        AddOrReplace(products);
        _writer.Commit();
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new Bm25SearcherFactory());
    }

    /// <summary>Number of distinct products indexed.</summary>
    public int Count
    {
        get
        {
            lock (_writeLock)
            {
                return _ordinals.Count;
            }
        }
    }

    /// <summary>Adds or replaces one product.</summary>
    public void Upsert(Product product) => Upsert([product]);

    /// <summary>Adds or replaces products (matched by id); one searcher refresh for the whole batch.</summary>
    public void Upsert(IEnumerable<Product> products)
    {
        ArgumentNullException.ThrowIfNull(products);
        AddOrReplace(products);
        _searchers.MaybeRefreshBlocking();
    }

    /// <summary>
    /// The best <paramref name="k"/> products for <paramref name="text"/>, best first; ties broken by id.
    /// Products for which <paramref name="accept"/> returns false are skipped (it is called with the product id).
    /// Returns an empty list when the text has no searchable word or nothing matches.
    /// </summary>
    public IReadOnlyList<LexicalHit> Search(string? text, int k, Func<string, bool>? accept = null)
    {
        if (k <= 0)
        {
            return [];
        }

        var terms = TextAnalysis.Terms(text);
        if (terms.Count == 0)
        {
            return [];
        }

        var query = new BooleanQuery(disableCoord: true);
        foreach (var term in terms)
        {
            var perField = new DisjunctionMaxQuery(FieldTieBreaker)
            {
                new TermQuery(new Term(NameField, term)) { Boost = NameBoost },
                new TermQuery(new Term(BrandField, term)) { Boost = BrandBoost },
                new TermQuery(new Term(CategoryField, term)) { Boost = CategoryBoost },
            };
            query.Add(perField, Occur.SHOULD);
        }

        var searcher = _searchers.Acquire();
        try
        {
            var collector = new TopHitsCollector(Math.Min(k, Math.Max(1, searcher.IndexReader.NumDocs)), _ids, accept);
            searcher.Search(query, collector);
            return collector.Drain();
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
    }

    private void AddOrReplace(IEnumerable<Product> products)
    {
        lock (_writeLock)
        {
            foreach (var product in products)
            {
                if (product is null || string.IsNullOrEmpty(product.Id))
                {
                    continue;
                }

                if (_ordinals.TryGetValue(product.Id, out var ordinal))
                {
                    _writer.UpdateDocument(new Term(IdField, product.Id), ToDocument(product, ordinal));
                    continue;
                }

                ordinal = _ordinals.Count;
                _ordinals.Add(product.Id, ordinal);
                var ids = _ids;
                if (ordinal == ids.Length)
                {
                    Array.Resize(ref ids, ids.Length * 2);
                }

                ids[ordinal] = product.Id;
                _ids = ids;
                _writer.AddDocument(ToDocument(product, ordinal));
            }
        }
    }

    private static Document ToDocument(Product product, int ordinal) =>
    [
        new StringField(IdField, product.Id, Field.Store.NO),
        new NumericDocValuesField(OrdinalField, ordinal),
        new TextField(NameField, product.Name ?? string.Empty, Field.Store.NO),
        new TextField(BrandField, product.Brand ?? string.Empty, Field.Store.NO),
        new TextField(CategoryField, product.CategoryPath is null ? string.Empty : string.Join(" . ", product.CategoryPath), Field.Store.NO),
    ];

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }

    /// <summary>Keeps the best k accepted hits in a min-heap; reads product ordinals from doc values, not stored fields.</summary>
    private sealed class TopHitsCollector(int k, string[] ids, Func<string, bool>? accept) : ICollector
    {
        private readonly float[] _scores = new float[k];
        private readonly int[] _ordinals = new int[k];
        private int _count;
        private Scorer? _scorer;
        private NumericDocValues? _ordinalValues;

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer) => _scorer = scorer;

        public void SetNextReader(AtomicReaderContext context) =>
            _ordinalValues = context.AtomicReader.GetNumericDocValues(OrdinalField);

        public void Collect(int doc)
        {
            var score = _scorer!.GetScore();
            if (_count == _scores.Length && !Better(score, -1, _scores[0], _ordinals[0], cheapOnly: true))
            {
                return;
            }

            var ordinal = (int)_ordinalValues!.Get(doc);
            if (_count == _scores.Length && !Better(score, ordinal, _scores[0], _ordinals[0], cheapOnly: false))
            {
                return;
            }

            if (accept is not null && !accept(ids[ordinal]))
            {
                return;
            }

            if (_count < _scores.Length)
            {
                _scores[_count] = score;
                _ordinals[_count] = ordinal;
                SiftUp(_count++);
            }
            else
            {
                _scores[0] = score;
                _ordinals[0] = ordinal;
                SiftDown(0, _count);
            }
        }

        public IReadOnlyList<LexicalHit> Drain()
        {
            var hits = new LexicalHit[_count];
            // Popping the min-heap yields worst first; fill from the back.
            for (var n = _count; n > 0; n--)
            {
                hits[n - 1] = new LexicalHit(ids[_ordinals[0]], _scores[0]);
                _scores[0] = _scores[n - 1];
                _ordinals[0] = _ordinals[n - 1];
                SiftDown(0, n - 1);
            }

            _count = 0;
            return hits;
        }

        // True when (score, ordinal) ranks before (otherScore, otherOrdinal): higher score, then smaller id.
        // With cheapOnly the id comparison is skipped and a tie counts as possibly better.
        private bool Better(float score, int ordinal, float otherScore, int otherOrdinal, bool cheapOnly)
        {
            if (score != otherScore)
            {
                return score > otherScore;
            }

            return cheapOnly || string.CompareOrdinal(ids[ordinal], ids[otherOrdinal]) < 0;
        }

        private void SiftUp(int i)
        {
            while (i > 0)
            {
                var parent = (i - 1) / 2;
                if (!Better(_scores[parent], _ordinals[parent], _scores[i], _ordinals[i], cheapOnly: false))
                {
                    break;
                }

                Swap(i, parent);
                i = parent;
            }
        }

        private void SiftDown(int i, int count)
        {
            while (true)
            {
                var left = (2 * i) + 1;
                if (left >= count)
                {
                    return;
                }

                var worst = left;
                var right = left + 1;
                if (right < count && Better(_scores[left], _ordinals[left], _scores[right], _ordinals[right], cheapOnly: false))
                {
                    worst = right;
                }

                if (!Better(_scores[i], _ordinals[i], _scores[worst], _ordinals[worst], cheapOnly: false))
                {
                    return;
                }

                Swap(i, worst);
                i = worst;
            }
        }

        private void Swap(int a, int b)
        {
            (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
            (_ordinals[a], _ordinals[b]) = (_ordinals[b], _ordinals[a]);
        }
    }
}
