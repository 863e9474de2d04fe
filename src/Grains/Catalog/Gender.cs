namespace Aisle.Catalog;

/// <summary>
/// Who a product is for, or who a query asks for. A query names one value (<see cref="Genders.Combine"/> folds
/// "men and women" into <see cref="Unisex"/>); a product may name several ("For Men, Women"), hence flags. Strings
/// exist only at the edges: the words shoppers type (<see cref="Query.Genders"/>) and the API's JSON.
/// </summary>
[Flags]
public enum Gender : byte
{
    None = 0,
    Men = 1,
    Women = 2,
    Boys = 4,
    Girls = 8,
    Kids = 16,
    Unisex = 32,
}
