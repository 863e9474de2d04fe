namespace Aisle.Tests.Retrieval.AstraStandIn;

/// <summary>A command the stand-in refuses; answered, as the Data API does, in an <c>errors</c> array with HTTP 200.</summary>
public sealed class StandInError(string errorCode, string message) : Exception(message)
{
    public string ErrorCode { get; } = errorCode;
}
