using KubeApiEmulator.Api;

namespace KubeApiEmulator.Storage;

/// <summary>A parsed field selector (=, ==, != on the fields the resource supports).</summary>
internal sealed class FieldSelector
{
    private readonly List<(string Field, string Value, bool Equal)> _terms = [];

    private FieldSelector()
    {
    }

    /// <summary>True when there are no terms.</summary>
    public bool IsEmpty => _terms.Count == 0;

    /// <summary>True when the object's fields satisfy every term.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> fields) =>
        _terms.TrueForAll(t => fields.TryGetValue(t.Field, out var v) ? (v == t.Value) == t.Equal : !t.Equal);

    /// <summary>The value required for metadata.name, if the selector pins one.</summary>
    public string? PinnedName => _terms.FirstOrDefault(t => t.Equal && t.Field == "metadata.name").Value;

    /// <summary>Parses the fieldSelector query parameter for a collection.</summary>
    /// <exception cref="StatusException">400 when a term does not parse or names an unsupported field.</exception>
    public static FieldSelector Parse(string? text, string storage, IReadOnlyDictionary<string, string>? labels = null)
    {
        var selector = new FieldSelector();
        if (string.IsNullOrWhiteSpace(text))
        {
            return selector;
        }

        foreach (var raw in text.Split(','))
        {
            var term = raw.Trim();
            string field, value;
            bool equal;
            var index = term.IndexOf("!=", StringComparison.Ordinal);
            if (index > 0)
            {
                (field, value, equal) = (term[..index], term[(index + 2)..], false);
            }
            else if ((index = term.IndexOf("==", StringComparison.Ordinal)) > 0)
            {
                (field, value, equal) = (term[..index], term[(index + 2)..], true);
            }
            else if ((index = term.IndexOf('=', StringComparison.Ordinal)) > 0)
            {
                (field, value, equal) = (term[..index], term[(index + 1)..], true);
            }
            else
            {
                throw StatusObjects.BadRequest($"invalid selector: '{text}'; can't understand '{term}'");
            }

            field = field.Trim();
            if (labels is not null)
            {
                field = labels.TryGetValue(field, out var stored) ? stored : throw StatusObjects.BadRequest($"field label not supported: {field}");
            }

            if (!FieldIndex.Supports(storage, field))
            {
                throw StatusObjects.BadRequest($"field label not supported: {field}");
            }

            selector._terms.Add((field, value.Trim(), equal));
        }

        return selector;
    }
}
