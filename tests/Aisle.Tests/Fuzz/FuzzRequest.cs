using System.Net.Http.Headers;
using CsCheck;
using Aisle.Frontend.Security;

namespace Aisle.Tests.Fuzz;

/// <summary>One generated request: an operation of the OpenAPI document with hostile path, query, key and body.</summary>
public sealed record FuzzRequest(ApiOperation Operation, string Url, string? ApiKey, HostileBodies.Body? Body)
{
    public override string ToString() =>
        $"{Operation.Method} {(Url.Length > 400 ? Url[..400] + "…" : Url)} key={(ApiKey is null ? "none" : ApiKey.Length > 40 ? "long" : ApiKey)} body={Body}";

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Operation.Method), Url);
        // Kestrel closes a connection after refusing a malformed or oversized request; with keep-alive the next
        // request could be sent on that closing connection and fail in the client. One connection per request.
        message.Headers.ConnectionClose = true;
        if (ApiKey is not null)
        {
            message.Headers.TryAddWithoutValidation(AdminApiKey.Header, ApiKey);
        }

        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body.Bytes);
            if (Body.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", Body.ContentType);
            }
        }

        return message;
    }

    /// <summary>Requests for every operation, each as likely as the others; admin ones with a valid, a wrong or no key.</summary>
    public static Gen<FuzzRequest> For(IReadOnlyList<ApiOperation> operations, IReadOnlyList<string> valid, string adminKey)
    {
        var value = HostileValues.Encoded(valid);
        var key = Gen.Frequency(
            (3, Gen.Const<string?>(adminKey)), (1, Gen.Const(() => (string?)null)), (1, Gen.Const<string?>("wrong-key")),
            (1, Gen.Const<string?>(new string('k', 10_000))), (1, Gen.Const<string?>("Bearer " + adminKey)), (1, Gen.Const<string?>(adminKey.ToUpperInvariant())));
        var tameValue = Gen.OneOf(valid.ToArray()).Select(Uri.EscapeDataString);
        var perOperation = operations.Select(operation => Gen.Frequency(
            (2, Requests(operation, value, key, HostileBodies.For(operation, valid), omitted: 1)),
            (1, Requests(operation, tameValue, Gen.Const<string?>(adminKey), HostileBodies.Tame(operation, valid), omitted: 3)))).ToArray();
        return Gen.OneOf(perOperation);
    }

    private static Gen<FuzzRequest> Requests(ApiOperation operation, Gen<string> value, Gen<string?> key, Gen<HostileBodies.Body> body, int omitted)
    {
        var path = operation.PathParameters.Aggregate(
            Gen.Const(operation.Template),
            (url, name) => url.SelectMany(template => value.Where(v => v.Length > 0).Select(v => template.Replace("{" + name + "}", v))));
        var query = operation.QueryParameters.Aggregate(
            Gen.Const(""),
            (text, name) => text.SelectMany(done => Gen.Frequency(
                (2, value.Select(v => $"{done}&{name}={v}")),
                (omitted, Gen.Const(done)),
                (1, value.Select(v => $"{done}&{name}={v}&{name}={v}")))));
        return Gen.Select(path, query, operation.IsAdmin ? key : Gen.Const(() => (string?)null), body, (p, q, k, b) =>
            new FuzzRequest(operation, q.Length == 0 ? p : p + "?" + q[1..], k, operation.Method is "GET" or "DELETE" ? null : b));
    }
}
