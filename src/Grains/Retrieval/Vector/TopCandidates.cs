using System.Runtime.CompilerServices;

namespace Aisle.Retrieval.Vector;

/// <summary>
/// A bounded min-heap of (score, row): keeps the best <c>capacity</c> rows seen; the weakest sits at the root so a
/// new row is compared against <see cref="Threshold"/> once and usually rejected.
/// </summary>
internal ref struct TopCandidates
{
    private readonly Span<float> _scores;
    private readonly Span<int> _rows;
    private int _count;

    public TopCandidates(Span<float> scores, Span<int> rows)
    {
        _scores = scores;
        _rows = rows;
        _count = 0;
        Threshold = float.NegativeInfinity;
    }

    public readonly int Count => _count;

    /// <summary>The score a row must beat to enter: -∞ until the heap is full, then the weakest kept score.</summary>
    public float Threshold { get; private set; }

    public readonly Span<float> Scores => _scores[.._count];

    public readonly Span<int> Rows => _rows[.._count];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Offer(float score, int row)
    {
        if (score > Threshold)
        {
            Add(score, row);
        }
    }

    private void Add(float score, int row)
    {
        if (_count < _scores.Length)
        {
            var i = _count++;
            while (i > 0)
            {
                var parent = (i - 1) >> 1;
                if (_scores[parent] <= score)
                {
                    break;
                }

                _scores[i] = _scores[parent];
                _rows[i] = _rows[parent];
                i = parent;
            }

            _scores[i] = score;
            _rows[i] = row;
            if (_count == _scores.Length)
            {
                Threshold = _scores[0];
            }

            return;
        }

        // Replace the root and sift down.
        var at = 0;
        while (true)
        {
            var child = 2 * at + 1;
            if (child >= _count)
            {
                break;
            }

            if (child + 1 < _count && _scores[child + 1] < _scores[child])
            {
                child++;
            }

            if (_scores[child] >= score)
            {
                break;
            }

            _scores[at] = _scores[child];
            _rows[at] = _rows[child];
            at = child;
        }

        _scores[at] = score;
        _rows[at] = row;
        Threshold = _scores[0];
    }
}
