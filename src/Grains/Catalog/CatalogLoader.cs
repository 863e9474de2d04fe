using CsvHelper;

namespace Aisle.Catalog;

/// <summary>
/// Loads the Flipkart catalog (<c>catalog_20k.csv</c>), optionally joining descriptions and image URLs from the
/// full-column file (<c>catalog_1k_fullcols.csv</c>) by <c>uniq_id</c>. A bad row never stops the load: it is rejected with a reason.
/// </summary>
/// <remarks>
/// Rows are rejected when their quoting is broken, their field count differs from the header, or they have no
/// <c>uniq_id</c> or <c>product_name</c>; a repeated <c>uniq_id</c> is rejected as a duplicate (the first row wins).
/// A quoted field left open runs on into the following lines; that record is read again line by line, so only the
/// broken line is lost, not the rows it swallowed. Text is cleaned by <see cref="TextRepair"/>, categories read by
/// <see cref="CategoryTree"/>, stock set by <see cref="InitialStock"/>; <see cref="Product.Sku"/> is the <c>pid</c>
/// (the id when there is none). A missing header column <c>uniq_id</c> or <c>product_name</c> means the file is not a
/// catalog and throws <see cref="InvalidDataException"/>.
/// </remarks>
public static class CatalogLoader
{
    /// <summary>Loads the catalog file, and descriptions and images from the full-column file when its path is given.</summary>
    public static CatalogLoadResult Load(string catalogCsvPath, string? descriptionsCsvPath = null)
    {
        ArgumentNullException.ThrowIfNull(catalogCsvPath);
        using var catalog = OpenSequential(catalogCsvPath);
        using var descriptions = descriptionsCsvPath is null ? null : OpenSequential(descriptionsCsvPath);
        return Load(catalog, descriptions);
    }

    /// <summary>Loads a catalog from UTF-8 streams, read once from their current position and left open.</summary>
    public static CatalogLoadResult Load(Stream catalog, Stream? descriptions = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Load(
            malformed => CsvReader.Create(catalog, CatalogCsv.Options(malformed), leaveOpen: true),
            descriptions is null ? null : malformed => CsvReader.Create(descriptions, CatalogCsv.Options(malformed), leaveOpen: true));
    }

    /// <summary>Loads a catalog from text readers, read once and left open.</summary>
    public static CatalogLoadResult Load(TextReader catalog, TextReader? descriptions = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Load(
            malformed => CsvReader.Create(catalog, CatalogCsv.Options(malformed), leaveOpen: true),
            descriptions is null ? null : malformed => CsvReader.Create(descriptions, CatalogCsv.Options(malformed), leaveOpen: true));
    }

    private static CatalogLoadResult Load(
        Func<MalformedRecords, CsvReader> openCatalog,
        Func<MalformedRecords, CsvReader>? openDescriptions)
    {
        Dictionary<string, ProductExtras>? extras = null;
        if (openDescriptions is not null)
        {
            var extrasProblems = new MalformedRecords();
            using var extrasReader = openDescriptions(extrasProblems);
            extras = ProductExtrasIndex.Read(extrasReader, extrasProblems);
        }

        var malformed = new MalformedRecords();
        using var reader = openCatalog(malformed);
        reader.ReadHeader();
        var mapper = new ProductRowMapper(reader, extras);
        long line = 1;
        try
        {
            while (reader.Read())
            {
                line = reader.LineNumber;
                if (!malformed.TryTake(reader.RowNumber + 1, out var problem) || problem.Reason == CsvMalformedReason.StrayQuote)
                {
                    // A stray quote inside an unquoted field leaves the field boundaries intact: the quote is text.
                    mapper.Map(reader, line);
                }
                else if (problem.Reason != CsvMalformedReason.FieldCountMismatch && HasLineBreak(problem.RawRecord))
                {
                    ReadLineByLine(problem.RawRecord, line, mapper);
                }
                else
                {
                    mapper.Reject(reader, line, Describe(problem.Reason));
                }
            }
        }
        catch (CsvFormatException ex)
        {
            // Only an oversized record gets here (malformed quoting is recovered); what was read is kept.
            mapper.Reject(line, $"reading stopped: {ex.Message}");
        }

        return mapper.ToResult();
    }

    /// <summary>Reads a record whose open quote swallowed following lines again, one record per line.</summary>
    private static void ReadLineByLine(string rawRecord, long firstLine, ProductRowMapper mapper)
    {
        var malformed = new MalformedRecords();
        using var reader = CsvReader.FromText(rawRecord, CatalogCsv.Options(malformed, hasHeader: false, lineBreaksInQuotes: false));
        while (reader.Read())
        {
            var line = firstLine + reader.LineNumber - 1;
            if (!malformed.TryTake(reader.RowNumber, out var problem) || problem.Reason == CsvMalformedReason.StrayQuote)
            {
                mapper.Map(reader, line);
            }
            else
            {
                mapper.Reject(reader, line, Describe(problem.Reason));
            }
        }
    }

    private static bool HasLineBreak(string text) => text.AsSpan().IndexOfAny('\r', '\n') >= 0;

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.UnterminatedQuote or CsvMalformedReason.LineBreakInQuotes => "a quoted field is never closed",
        CsvMalformedReason.TextAfterClosingQuote => "text follows the closing quote of a field",
        CsvMalformedReason.FieldCountMismatch => "wrong number of fields",
        _ => $"malformed CSV ({reason})",
    };

    private static FileStream OpenSequential(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
}
