using CsvHelper;

namespace Aisle.Catalog;

/// <summary>Collects the malformed-record reports CsvHelper makes while reading, so the row loop can match each
/// report to the record it belongs to.</summary>
internal sealed class MalformedRecords
{
    private readonly Queue<CsvMalformedRecord> _pending = new();

    public void Add(CsvMalformedRecord record) => _pending.Enqueue(record);

    /// <summary>Takes the report for the record with this number (CsvHelper's count, header included), if any;
    /// reports of earlier records are dropped.</summary>
    public bool TryTake(long recordNumber, out CsvMalformedRecord record)
    {
        while (_pending.TryPeek(out record) && record.RecordNumber <= recordNumber)
        {
            _pending.Dequeue();
            if (record.RecordNumber == recordNumber)
            {
                return true;
            }
        }

        record = default;
        return false;
    }
}
