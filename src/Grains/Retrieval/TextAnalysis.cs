using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Aisle.Retrieval;

/// <summary>
/// The one English analysis shared by the lexical index and query understanding, so that a word in a query and the
/// same word in the catalog always reduce to the same term: standard tokenizer, possessive "'s" removed, lower case,
/// English stop words removed, Porter stemming ("Men's" → "men", "shoes" → "shoe", "watches" → "watch").
/// </summary>
public static class TextAnalysis
{
    /// <summary>Longer input is cut here before analysis: no shopper types more, and the work stays bounded.</summary>
    public const int MaxInputChars = 1024;

    /// <summary>At most this many distinct terms are taken from one text.</summary>
    public const int MaxTerms = 32;

    /// <summary>Thread-safe: Lucene analyzers keep their token stream components per thread.</summary>
    public static Analyzer Analyzer { get; } = new EnglishAnalyzer(LuceneVersion.LUCENE_48);

    /// <summary>The distinct analysed terms of <paramref name="text"/> in order of first appearance.</summary>
    public static List<string> Terms(string? text, int maxTerms = MaxTerms)
    {
        var terms = new List<string>();
        AddTerms(text, terms, maxTerms);
        return terms;
    }

    /// <summary>Appends the distinct analysed terms of <paramref name="text"/> to <paramref name="terms"/> until it holds <paramref name="maxTerms"/>.</summary>
    public static void AddTerms(string? text, List<string> terms, int maxTerms = MaxTerms)
    {
        if (string.IsNullOrWhiteSpace(text) || terms.Count >= maxTerms)
        {
            return;
        }

        if (text.Length > MaxInputChars)
        {
            // Do not cut a surrogate pair in half: the tokenizer would see a lone high surrogate.
            var cut = char.IsHighSurrogate(text[MaxInputChars - 1]) ? MaxInputChars - 1 : MaxInputChars;
            text = text[..cut];
        }

        using var stream = Analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var value = term.ToString();
            if (!terms.Contains(value))
            {
                terms.Add(value);
                if (terms.Count >= maxTerms)
                {
                    break;
                }
            }
        }

        stream.End();
    }
}
