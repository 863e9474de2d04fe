namespace Aisle.Catalog;

/// <summary>Which kind of file <c>Aisle:CatalogFile</c> is, and so which loader reads it.</summary>
public enum CatalogFormat
{
    /// <summary>Kaggle "Flipkart Products" columns (<see cref="CatalogLoader"/>): one row per product.</summary>
    Flipkart,

    /// <summary>UCI Online Retail invoice lines (<see cref="OnlineRetailCatalog"/>): one product per stock code.</summary>
    OnlineRetail,
}
