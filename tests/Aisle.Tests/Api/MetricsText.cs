using System.Globalization;

namespace Aisle.Tests.Api;

/// <summary>Reads Prometheus text as <c>/metrics</c> serves it.</summary>
public static class MetricsText
{
    /// <summary>The value of one exact series (name and labels as exported), or null when it is absent.</summary>
    public static double? Sample(string metrics, string series)
    {
        foreach (var line in metrics.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
