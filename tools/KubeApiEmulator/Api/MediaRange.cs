using System.Globalization;

namespace KubeApiEmulator.Api;

/// <summary>One media range of an Accept header: the type and its parameters (q, as, g, v).</summary>
internal sealed record MediaRange(string Type, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>The q value (1 when absent or unparsable).</summary>
    public double Quality =>
        Parameters.TryGetValue("q", out var q) && double.TryParse(q, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 1;

    /// <summary>The parameter named <paramref name="name"/>, or null.</summary>
    public string? Parameter(string name) => Parameters.GetValueOrDefault(name);

    /// <summary>Parses "type/subtype;key=value;...".</summary>
    public static MediaRange Parse(string text)
    {
        var parts = text.Split(';', StringSplitOptions.TrimEntries);
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in parts.Skip(1))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length == 2)
            {
                parameters[pair[0]] = pair[1].Trim('"');
            }
        }

        return new MediaRange(parts[0].ToLowerInvariant(), parameters);
    }
}
