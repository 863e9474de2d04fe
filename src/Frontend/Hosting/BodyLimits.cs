using Microsoft.AspNetCore.Http.Metadata;

namespace Aisle.Frontend.Hosting;

/// <summary>
/// The largest request body each endpoint accepts: a body past it is refused with 413 problem+json as soon as its
/// Content-Length is known, before anything is read or parsed. Each limit is the largest legitimate body with room
/// to spare, so a client cannot make Aisle buffer megabytes to answer 400 in the end.
/// </summary>
public static class BodyLimits
{
    /// <summary>Everything without a limit of its own (Kestrel's server-wide limit): storefront forms and the rest.</summary>
    public const long Default = 1024 * 1024;

    /// <summary>A batch of up to 1,000 events of ~0.5 kB each, at most.</summary>
    public const long Events = 1024 * 1024;

    /// <summary>The rules document: a few hundred rules.</summary>
    public const long Rules = 256 * 1024;

    /// <summary>An experiment definition, a price, a stock level, an ingest request.</summary>
    public const long Admin = 64 * 1024;

    /// <summary>A cart line or a checkout.</summary>
    public const long Cart = 16 * 1024;

    /// <summary>Limits the bodies of this endpoint (or group) to <paramref name="bytes"/>.</summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new Limit(bytes));

    // Routing applies this metadata to the request's IHttpMaxRequestBodySizeFeature once the endpoint is chosen.
    private sealed record Limit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}
