namespace Aisle.Frontend.Application;

/// <summary>
/// Why the application layer could not do what was asked, in a form both callers can use: the JSON API answers it as
/// <c>application/problem+json</c> with <see cref="Status"/>, a page shows <see cref="Detail"/> beside the form.
/// </summary>
/// <param name="Errors">Field name → messages, for invalid input (a validation problem).</param>
public sealed record AppProblem(
    int Status,
    string Title,
    string Detail,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    IReadOnlyDictionary<string, object?>? Extensions = null)
{
    public static AppProblem NotFound(string what, string id) =>
        new(StatusCodes.Status404NotFound, $"Unknown {what}", $"No {what} has id '{id}'.");

    public IResult ToResult() => Errors is not null
        ? TypedResults.ValidationProblem(Errors, title: Title, extensions: Extensions)
        : TypedResults.Problem(statusCode: Status, title: Title, detail: Detail, extensions: Extensions);
}

/// <summary>A value, or the problem that prevented it.</summary>
public readonly record struct Outcome<T>(T? Value, AppProblem? Problem)
{
    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(AppProblem problem) => new(default, problem);

    /// <summary>The API's answer: 200 with the value mapped by <paramref name="ok"/>, else the problem.</summary>
    public IResult ToResult(Func<T, IResult> ok) => Problem is { } problem ? problem.ToResult() : ok(Value!);
}
