using KubeApiEmulator.Api;

namespace KubeApiEmulator.Storage;

/// <summary>A parsed label selector: equality (=, ==, !=), set (in, notin) and existence (key, !key) requirements.</summary>
internal sealed class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> _requirements = [];

    private LabelSelector()
    {
    }

    /// <summary>A selector that matches everything.</summary>
    public static LabelSelector Everything { get; } = new();

    /// <summary>True when there are no requirements.</summary>
    public bool IsEmpty => _requirements.Count == 0;

    /// <summary>True when <paramref name="labels"/> meet every requirement.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.TrueForAll(r => r(labels));

    /// <summary>Parses the labelSelector query parameter.</summary>
    /// <exception cref="StatusException">400 when the selector does not parse.</exception>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var selector = new LabelSelector();
        foreach (var part in SplitTopLevel(text))
        {
            selector._requirements.Add(ParseRequirement(part.Trim()));
        }

        return selector;
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseRequirement(string part)
    {
        if (part.Length == 0)
        {
            throw Error("found '', expected: !, identifier, or 'end of string'");
        }

        var words = part.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 2 && !words[1].StartsWith("in", StringComparison.Ordinal) && !words[1].StartsWith("notin", StringComparison.Ordinal) &&
            !words[1].StartsWith('=') && !words[1].StartsWith("!=", StringComparison.Ordinal) && words[0].IndexOfAny(['=', '!']) < 0)
        {
            // A key followed by a word that is no operator: the parser's operator error.
            throw Error($"found '{words[1].Split(' ', 2)[0]}', expected: in, notin, =, ==, !=, gt, lt");
        }

        if (words.Length == 2 && (words[1].StartsWith("in", StringComparison.Ordinal) || words[1].StartsWith("notin", StringComparison.Ordinal)))
        {
            var negate = words[1].StartsWith("notin", StringComparison.Ordinal);
            var rest = words[1][(negate ? 5 : 2)..].Trim();
            if (!rest.StartsWith('(') || !rest.EndsWith(')'))
            {
                throw Error("found '" + rest + "', expected: '('");
            }

            var key = CheckKey(words[0]);
            var values = rest[1..^1].Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            return negate
                ? labels => !labels.TryGetValue(key, out var v) || !values.Contains(v)
                : labels => labels.TryGetValue(key, out var v) && values.Contains(v);
        }

        foreach (var op in new[] { "!=", "==", "=" })
        {
            var index = part.IndexOf(op, StringComparison.Ordinal);
            if (index > 0)
            {
                var key = CheckKey(part[..index].Trim());
                var value = part[(index + op.Length)..].Trim();
                return op == "!="
                    ? labels => !labels.TryGetValue(key, out var v) || v != value
                    : labels => labels.TryGetValue(key, out var v) && v == value;
            }
        }

        if (part.StartsWith('!'))
        {
            var key = CheckKey(part[1..].Trim());
            return labels => !labels.ContainsKey(key);
        }

        var existsKey = CheckKey(part);
        return labels => labels.ContainsKey(existsKey);
    }

    private static string CheckKey(string key)
    {
        if (key.Length == 0 || key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/')))
        {
            throw Error($"invalid label key \"{key}\"");
        }

        return key;
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return text[start..];
    }

    // The list handler relays the parser's error as it is: "unable to parse requirement: <why>".
    private static StatusException Error(string detail) =>
        StatusObjects.BadRequest($"unable to parse requirement: {detail}");
}
