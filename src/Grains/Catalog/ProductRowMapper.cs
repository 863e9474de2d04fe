using System.Globalization;
using System.Text;
using CsvHelper;

namespace Aisle.Catalog;

/// <summary>Turns Flipkart catalog rows into products, keeping account of every row and value it could not use.</summary>
internal sealed class ProductRowMapper
{
    private const NumberStyles PriceStyle = NumberStyles.Number;
    private const NumberStyles RatingStyle = NumberStyles.Float;

    private readonly int _fieldCount;
    private readonly int _id;
    private readonly int _name;
    private readonly int _tree;
    private readonly int _pid;
    private readonly int _retailPrice;
    private readonly int _discountedPrice;
    private readonly int _productRating;
    private readonly int _overallRating;
    private readonly int _brand;
    private readonly IReadOnlyDictionary<string, ProductExtras>? _extras;

    private readonly StringPool _pool = new();
    private readonly Dictionary<string, int> _rowById = new(StringComparer.Ordinal);
    private readonly List<Product> _products = new(capacity: 1024);
    private readonly List<RejectedRow> _rejected = [];
    private readonly List<RowWarning> _warnings = [];
    private int _rows;
    private int _repaired;
    private int _withoutPrice;
    private int _withoutBrand;
    private int _withoutRating;
    private int _withDescription;
    private int _withImage;

    /// <param name="header">A reader whose header has been read.</param>
    /// <param name="extras">Descriptions and images by product id, when a full-column file was given.</param>
    public ProductRowMapper(CsvReader header, IReadOnlyDictionary<string, ProductExtras>? extras)
    {
        _fieldCount = header.Headers.Count;
        _id = CatalogCsv.Require(header, CatalogCsv.Id);
        _name = CatalogCsv.Require(header, CatalogCsv.Name);
        _tree = CatalogCsv.Optional(header, CatalogCsv.CategoryTree);
        _pid = CatalogCsv.Optional(header, CatalogCsv.Pid);
        _retailPrice = CatalogCsv.Optional(header, CatalogCsv.RetailPrice);
        _discountedPrice = CatalogCsv.Optional(header, CatalogCsv.DiscountedPrice);
        _productRating = CatalogCsv.Optional(header, CatalogCsv.ProductRating);
        _overallRating = CatalogCsv.Optional(header, CatalogCsv.OverallRating);
        _brand = CatalogCsv.Optional(header, CatalogCsv.Brand);
        _extras = extras;
    }

    /// <summary>Maps the current record of <paramref name="row"/>, or rejects it with a reason.</summary>
    public void Map(CsvReader row, long line)
    {
        _rows++;
        if (row.FieldCount != _fieldCount)
        {
            AddRejected(line, ReadId(row), $"has {row.FieldCount} fields, expected {_fieldCount}");
            return;
        }

        var id = row.GetString(_id).Trim();
        if (id.Length == 0)
        {
            AddRejected(line, null, $"missing {CatalogCsv.Id}");
            return;
        }

        var name = TextRepair.Fix(row.GetString(_name), out var nameRepaired);
        if (name.Length == 0)
        {
            AddRejected(line, id, $"missing {CatalogCsv.Name}");
            return;
        }

        if (!_rowById.TryAdd(id, _rows))
        {
            AddRejected(line, id, $"duplicate {CatalogCsv.Id} (first seen on row {_rowById[id]})");
            return;
        }

        var brand = ReadBrand(row, out var brandRepaired);
        var pid = _pid >= 0 ? row.GetString(_pid).Trim() : "";
        var retail = ReadPrice(row, _retailPrice, CatalogCsv.RetailPrice, id, line);
        var discounted = ReadPrice(row, _discountedPrice, CatalogCsv.DiscountedPrice, id, line);
        var rating = ReadRating(row, _productRating, CatalogCsv.ProductRating, id, line)
            ?? ReadRating(row, _overallRating, CatalogCsv.OverallRating, id, line);
        var category = _tree >= 0 ? CategoryTree.Parse(row.GetString(_tree), name, _pool) : [];
        ProductExtras? extras = null;
        _extras?.TryGetValue(id, out extras);
        _withDescription += extras?.Description is null ? 0 : 1;
        _withImage += extras?.ImageUrl is null ? 0 : 1;

        _repaired += (nameRepaired ? 1 : 0) + (brandRepaired ? 1 : 0);
        _withoutPrice += retail is null && discounted is null ? 1 : 0;
        _withoutBrand += brand is null ? 1 : 0;
        _withoutRating += rating is null ? 1 : 0;

        _products.Add(new Product(
            Id: id,
            Sku: pid.Length > 0 ? pid : id,
            Name: name,
            Brand: brand,
            CategoryPath: category,
            RetailPrice: retail,
            DiscountedPrice: discounted,
            Rating: rating,
            Description: extras?.Description,
            InitialStock: InitialStock.For(id),
            ImageUrl: extras?.ImageUrl));
    }

    /// <summary>Counts the current record of <paramref name="row"/> as read and rejects it.</summary>
    public void Reject(CsvReader row, long line, string reason)
    {
        _rows++;
        AddRejected(line, ReadId(row), reason);
    }

    /// <summary>Rejects a record the CSV reader could not deliver at all.</summary>
    public void Reject(long line, string reason)
    {
        _rows++;
        AddRejected(line, null, reason);
    }

    public CatalogLoadResult ToResult() => new(
        _products, _rejected, _warnings, _rows, _repaired, _withoutPrice, _withoutBrand, _withoutRating, _withDescription, _withImage);

    private void AddRejected(long line, string? id, string reason) => _rejected.Add(new RejectedRow(line, _rows, id, reason));

    private string? ReadId(CsvReader row)
    {
        if (_id >= row.FieldCount)
        {
            return null;
        }

        var id = row.GetString(_id).Trim();
        return id.Length > 0 ? id : null;
    }

    private string? ReadBrand(CsvReader row, out bool repaired)
    {
        repaired = false;
        if (_brand < 0 || row.IsEmpty(_brand))
        {
            return null;
        }

        var brand = TextRepair.Fix(row.GetString(_brand), out repaired);
        return brand.Length > 0 ? _pool.Get(brand) : null;
    }

    /// <summary>An invariant decimal; empty means unknown, text that is not a number or not positive is unknown and
    /// reported. A discounted price above the retail price is kept as given: the source says so, and ranking uses
    /// the price a shopper pays (<see cref="Product.Price"/>).</summary>
    private decimal? ReadPrice(CsvReader row, int column, string columnName, string id, long line)
    {
        if (column < 0 || row.IsEmpty(column))
        {
            return null;
        }

        var text = row.GetSpan(column);
        if (!decimal.TryParse(text, PriceStyle, CultureInfo.InvariantCulture, out var price))
        {
            if (text.Trim(" \t"u8).IsEmpty)
            {
                return null;
            }

            AddWarning(line, id, $"{columnName} '{Encoding.UTF8.GetString(text)}' is not a number");
            return null;
        }

        if (price <= 0)
        {
            AddWarning(line, id, $"{columnName} {price.ToString(CultureInfo.InvariantCulture)} is not positive");
            return null;
        }

        return price;
    }

    /// <summary>A rating from 0 to 5; "No rating available" and empty mean none, anything else unusable is reported.</summary>
    private double? ReadRating(CsvReader row, int column, string columnName, string id, long line)
    {
        if (column < 0 || row.IsEmpty(column))
        {
            return null;
        }

        var text = row.GetSpan(column).Trim(" \t"u8);
        if (text.IsEmpty || text.SequenceEqual("No rating available"u8))
        {
            return null;
        }

        if (double.TryParse(text, RatingStyle, CultureInfo.InvariantCulture, out var rating) && rating is >= 0 and <= 5)
        {
            return rating;
        }

        AddWarning(line, id, $"{columnName} '{Encoding.UTF8.GetString(text)}' is not a rating from 0 to 5");
        return null;
    }

    private void AddWarning(long line, string id, string reason) => _warnings.Add(new RowWarning(line, _rows, id, reason));
}
