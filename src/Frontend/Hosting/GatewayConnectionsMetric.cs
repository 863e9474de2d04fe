using Aisle.Observability;

namespace Aisle.Frontend.Hosting;

/// <summary>
/// Cluster mode: how many silo gateways this frontend holds a connection to, as <c>aisle_gateway_connections</c>.
/// 0 means the frontend cannot reach the cluster at all (an alert worth having); a silo that came back counts once
/// requests are routed to it (Orleans connects to a gateway on demand).
/// </summary>
public sealed class GatewayConnectionsMetric : IClusterConnectionStatusObserver
{
    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered) =>
        AisleMetrics.GatewayConnections.Set(currentNumberOfGateways);

    public void NotifyClusterConnectionLost() => AisleMetrics.GatewayConnections.Set(0);
}
