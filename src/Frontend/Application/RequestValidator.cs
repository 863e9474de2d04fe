using System.Globalization;
using System.Text.RegularExpressions;

namespace Aisle.Frontend.Application;

/// <summary>
/// Collects every problem with a request's parameters, so one 400 names them all. Parameters arrive as strings and
/// are parsed here, which lets the message say exactly what was wrong instead of a generic binding failure.
/// </summary>
public sealed partial class RequestValidator
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 100;
    public const int MaxQueryLength = 256;
    public const int MaxIdLength = 128;

    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public void Fail(string name, string message) => _errors[name] = [message];

    public IReadOnlyDictionary<string, string[]> Errors => _errors;

    /// <summary>The collected errors as a 400 problem naming each parameter.</summary>
    public AppProblem Problem() => new(StatusCodes.Status400BadRequest, "The request has invalid parameters.",
        string.Join(" ", _errors.Values.SelectMany(e => e)), _errors);

    public int Limit(string? value)
    {
        if (value is null)
        {
            return DefaultLimit;
        }

        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) || limit < 1 || limit > MaxLimit)
        {
            Fail("limit", $"limit must be a whole number from 1 to {MaxLimit}.");
            return DefaultLimit;
        }

        return limit;
    }

    public double? Price(string name, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var price) || !double.IsFinite(price) || price < 0)
        {
            Fail(name, $"{name} must be a non-negative number.");
            return null;
        }

        return price;
    }

    public bool? Flag(string name, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (!bool.TryParse(value, out var flag))
        {
            Fail(name, $"{name} must be true or false.");
        }

        return flag;
    }

    public string? Text(string name, string? value, int maxLength)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > maxLength)
        {
            Fail(name, $"{name} is longer than {maxLength} characters.");
            return null;
        }

        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>User and product ids: 1–128 letters, digits and <c>_ - . : @</c>.</summary>
    public string? Id(string name, string? value, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                Fail(name, $"{name} is required.");
            }

            return null;
        }

        if (!IdPattern().IsMatch(value))
        {
            Fail(name, $"{name} must be 1 to {MaxIdLength} letters, digits or _ - . : @.");
            return null;
        }

        return value;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_\-.:@]{1,128}$")]
    private static partial Regex IdPattern();
}
