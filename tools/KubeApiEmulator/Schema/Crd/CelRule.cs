using System.Text.Json.Nodes;

namespace KubeApiEmulator.Schema.Crd;

/// <summary>
/// One x-kubernetes-validations rule, written in C# instead of CEL: <see cref="Holds"/> gets the value (self) and,
/// on update, the stored value (oldSelf, null on create); the message is the CRD's, reported as the real server does.
/// </summary>
internal sealed record CelRule(string Message, Func<JsonNode, JsonNode?, bool> Holds)
{
    /// <summary>True for transition rules (those reading oldSelf), which only run on update when the old value exists.</summary>
    public bool IsTransition { get; init; }
}
