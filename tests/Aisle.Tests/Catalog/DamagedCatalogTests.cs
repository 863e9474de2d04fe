using Aisle.Catalog;

namespace Aisle.Tests.Catalog;

/// <summary>A catalog file damaged on disk: a cut-off file loads what it holds and reports the cut row; a foreign or
/// garbled one stops the start with its reasons instead of serving an empty catalog.</summary>
public sealed class DamagedCatalogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aisle-damaged-catalog").FullName;

    [Fact]
    public void ACatalogCutOffMidRowLoadsWhatItHoldsAndReportsTheCutRow()
    {
        var whole = File.ReadAllBytes(RepoFiles.Catalog20k);
        var path = Path.Combine(_directory, "cut.csv");
        File.WriteAllBytes(path, whole[..(whole.Length / 50)]);

        var full = CatalogLoader.Load(RepoFiles.Catalog20k);
        var cut = CatalogLoader.Load(path).EnsureUsable(path);

        Assert.InRange(cut.Products.Count, 100, full.Products.Count / 10);
        Assert.Equal(full.Products.Take(cut.Products.Count).Select(p => p.Id), cut.Products.Select(p => p.Id));
        Assert.Equal(cut.RowsRead, cut.Products.Count + cut.Rejected.Count);
        Assert.NotEmpty(cut.Rejected);
    }

    [Fact]
    public void AGarbledFileStopsTheStartWithItsReasons()
    {
        var header = File.ReadLines(RepoFiles.Catalog20k).First() + "\n";
        var random = new Random(5);
        var noise = new byte[64 * 1024];
        random.NextBytes(noise);
        var garbledRows = Path.Combine(_directory, "garbled-rows.csv");
        File.WriteAllBytes(garbledRows, [.. System.Text.Encoding.UTF8.GetBytes(header), .. noise.Select(b => b == (byte)'\n' ? (byte)'x' : b)]);
        var garbledHeader = Path.Combine(_directory, "garbled-header.csv");
        File.WriteAllBytes(garbledHeader, noise);

        var rows = Assert.Throws<InvalidDataException>(() => CatalogLoader.Load(garbledRows).EnsureUsable(garbledRows));
        var head = Assert.Throws<InvalidDataException>(() => CatalogLoader.Load(garbledHeader).EnsureUsable(garbledHeader));

        Assert.Contains(garbledRows, rows.Message);
        Assert.Contains("No product could be read", rows.Message);
        Assert.Contains("column", head.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
