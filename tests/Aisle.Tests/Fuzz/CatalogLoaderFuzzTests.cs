using System.Text;
using Aisle.Catalog;
using Aisle.Tests.Catalog;
using CsCheck;

namespace Aisle.Tests.Fuzz;

/// <summary>
/// The catalog loader on real rows damaged at random — bytes flipped, cut, quotes and separators thrown in, rows
/// repeated, invalid UTF-8 — never throws, accounts for every row (loaded or reported), and loads only products with
/// an id, a name and sane values. A failing case prints its seed (CsCheck) for replay.
/// </summary>
public sealed class CatalogLoaderFuzzTests
{
    private static readonly string[] Lines = File.ReadLines(RepoFiles.Catalog20k).Take(301).ToArray();

    private static readonly Gen<byte[]> DamagedRow = Gen.Int[1, Lines.Length - 1].SelectMany(i =>
    {
        var row = Encoding.UTF8.GetBytes(Lines[i]);
        return Gen.Frequency(
            (4, Gen.Const(row)),
            (2, Gen.Int[0, row.Length - 1].SelectMany(at => Gen.Byte.Select(b => Replace(row, at, [b])))),
            (2, Gen.Int[0, row.Length].Select(at => row[..at])),
            (2, Gen.Int[0, row.Length].SelectMany(at => Gen.OneOf<byte[]>([(byte)'"'], [(byte)','], [(byte)'\n'], [(byte)'\r'], [0xC3, 0x28], [0xFF], [0])
                .Select(insert => Insert(row, at, insert)))),
            (1, Gen.Const<byte[]>([.. row, (byte)'\n', .. row])));
    });

    private static readonly Gen<byte[]> DamagedFile = DamagedRow.Array[1, 40].Select(rows =>
        Encoding.UTF8.GetBytes(Lines[0] + "\n").Concat(rows.SelectMany(r => r.Append((byte)'\n'))).ToArray());

    [Fact]
    public void DamagedRealRowsAreLoadedOrReportedNeverFatal()
    {
        DamagedFile.Sample(file =>
        {
            var result = CatalogLoader.Load(new MemoryStream(file));

            Assert.Equal(result.RowsRead, result.Products.Count + result.Rejected.Count);
            Assert.Equal(result.Products.Count, result.Products.Select(p => p.Id).Distinct().Count());
            Assert.All(result.Products, p =>
            {
                Assert.False(string.IsNullOrWhiteSpace(p.Id));
                Assert.False(string.IsNullOrWhiteSpace(p.Name));
                Assert.True(p.Price is null or > 0, $"{p.Id}: price {p.Price}");
                Assert.True(p.Rating is null or >= 0 and <= 5, $"{p.Id}: rating {p.Rating}");
            });
            Assert.All(result.Rejected, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
        }, iter: 400);
    }

    private static byte[] Replace(byte[] row, int at, byte[] with) => [.. row[..at], .. with, .. row[(at + 1)..]];

    private static byte[] Insert(byte[] row, int at, byte[] insert) => [.. row[..at], .. insert, .. row[at..]];
}
