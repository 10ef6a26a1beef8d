using System.Text.Json.Nodes;
using KubeApiEmulator.Discovery;
using KubeApiEmulator.Security;

namespace KubeApiEmulator.Admission;

/// <summary>What a write asks the validating webhooks about, as the real server's admission.Attributes.</summary>
/// <param name="Operation">CREATE or UPDATE.</param>
/// <param name="Type">The resource written.</param>
/// <param name="Subresource">The subresource ("" or "status").</param>
/// <param name="Namespace">The namespace, or "" for cluster-scoped objects.</param>
/// <param name="Name">The object's name.</param>
/// <param name="Object">The object as it would be stored (defaulted, validated, generation set).</param>
/// <param name="OldObject">The stored object an update replaces, or null on create.</param>
/// <param name="User">Who wrote it, or null for the emulator's own writes.</param>
/// <param name="DryRun">True for dryRun=All.</param>
/// <param name="OptionsKind">CreateOptions, UpdateOptions or PatchOptions.</param>
/// <param name="FieldValidation">The request's fieldValidation directive.</param>
internal sealed record AdmissionAttributes(
    string Operation,
    ResourceType Type,
    string Subresource,
    string Namespace,
    string Name,
    JsonObject Object,
    JsonObject? OldObject,
    UserInfo? User,
    bool DryRun,
    string OptionsKind,
    string FieldValidation)
{
    /// <summary>The resource as a rule names it: "ingresses" or "ingresses/status".</summary>
    public string ResourcePath => Subresource.Length == 0 ? Type.Plural : Type.Plural + "/" + Subresource;
}
