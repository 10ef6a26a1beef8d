using System.Text.Json.Nodes;

namespace KubeApiEmulator.Validation;

/// <summary>What a validator sees: the proposed object, the stored one on update, and where errors go.</summary>
internal sealed class ValidationContext(JsonObject obj, JsonObject? old)
{
    /// <summary>The object to be stored.</summary>
    public JsonObject Object { get; } = obj;

    /// <summary>The stored object on update, null on create.</summary>
    public JsonObject? Old { get; } = old;

    /// <summary>True on update.</summary>
    public bool IsUpdate => Old is not null;

    /// <summary>Errors found so far.</summary>
    public List<FieldError> Errors { get; } = [];

    /// <summary>Adds one error.</summary>
    public void Add(FieldError error) => Errors.Add(error);

    /// <summary>Adds an Invalid error for each message.</summary>
    public void AddInvalid(string field, string value, IEnumerable<string> messages)
    {
        foreach (var message in messages)
        {
            Errors.Add(FieldError.Invalid(field, value, message));
        }
    }
}
