namespace Aisle.Catalog;

/// <summary>Shares one string instance per distinct value during a load (category segments, brands), looked up by
/// span so that values already seen cost no allocation.</summary>
internal sealed class StringPool
{
    private readonly HashSet<string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public StringPool() => _bySpan = _values.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> value)
    {
        if (_bySpan.TryGetValue(value, out var existing))
        {
            return existing;
        }

        var created = value.ToString();
        _values.Add(created);
        return created;
    }

    public string Get(string value)
    {
        if (_values.TryGetValue(value, out var existing))
        {
            return existing;
        }

        _values.Add(value);
        return value;
    }
}
