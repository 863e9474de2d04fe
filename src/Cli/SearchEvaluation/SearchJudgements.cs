using System.Globalization;
using CsvHelper;

namespace Aisle.Cli.SearchEvaluation;

/// <summary>
/// Reads the judged queries, <c>query,relevant_categories,relevant_name_words,min_price,max_price</c> with <c>|</c>
/// between alternatives. A row that cannot be read is reported with its line and skipped; the rest still load.
/// </summary>
public static class SearchJudgements
{
    /// <summary>The project's judged queries, relative to the repository root.</summary>
    public const string DefaultFile = "data/search-judgements.csv";

    public sealed record Loaded(IReadOnlyList<SearchJudgement> Judgements, IReadOnlyList<string> Errors);

    public static Loaded Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader);
    }

    public static Loaded Read(TextReader text)
    {
        var judgements = new List<SearchJudgement>();
        var errors = new List<string>();
        using var csv = CsvReader.Create(text, CsvReaderOptions.Default with
        {
            HasHeader = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
        });
        csv.ReadHeader();
        int Column(string name) => csv.TryGetFieldIndex(name, out var index) ? index : -1;
        string Field(int column) => column >= 0 && column < csv.FieldCount ? csv.GetString(column) : "";
        var (queryColumn, categoriesColumn, wordsColumn, minColumn, maxColumn) =
            (Column("query"), Column("relevant_categories"), Column("relevant_name_words"), Column("min_price"), Column("max_price"));
        if (queryColumn < 0)
        {
            errors.Add("the file has no 'query' column");
            return new Loaded(judgements, errors);
        }

        while (csv.Read())
        {
            var line = csv.RowNumber + 1;
            var query = Field(queryColumn).Trim();
            var categories = Alternatives(Field(categoriesColumn));
            var words = Alternatives(Field(wordsColumn));
            if (query.Length == 0)
            {
                errors.Add($"line {line}: no query");
            }
            else if (categories.Count == 0 && words.Count == 0)
            {
                errors.Add($"line {line}: '{query}' names no relevant category or name word");
            }
            else if (!Price(Field(minColumn), out var min) || !Price(Field(maxColumn), out var max) || min > max)
            {
                errors.Add($"line {line}: '{query}' has an unreadable or empty price range");
            }
            else
            {
                judgements.Add(new SearchJudgement(query, categories, words, min, max));
            }
        }

        return new Loaded(judgements, errors);
    }

    private static List<string> Alternatives(string? field) =>
        (field ?? "").Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    private static bool Price(string? field, out decimal? price)
    {
        price = null;
        if (string.IsNullOrWhiteSpace(field))
        {
            return true;
        }

        if (decimal.TryParse(field, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value >= 0)
        {
            price = value;
            return true;
        }

        return false;
    }
}
