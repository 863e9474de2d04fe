using Aisle.Retrieval;
using Aisle.Tests.Retrieval.AstraStandIn;

namespace Aisle.Tests.Retrieval;

/// <summary>The vector store contract against the AstraDB Data API client, over HTTP to the local stand-in.</summary>
public sealed class AstraVectorStoreContractTests : VectorStoreContractTests
{
    private DataApiStandIn? _standIn;
    private AstraTestClient? _client;

    protected override async Task<IVectorIndex> OpenAsync(int dimensions)
    {
        _standIn = await DataApiStandIn.StartAsync();
        _client = await AstraTestClient.CreateAsync(_standIn, dimensions);
        return _client.Index;
    }

    public override async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        if (_standIn is not null)
        {
            await _standIn.DisposeAsync();
        }
    }
}
