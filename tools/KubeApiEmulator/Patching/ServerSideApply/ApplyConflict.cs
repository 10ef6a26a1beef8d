namespace KubeApiEmulator.Patching.ServerSideApply;

/// <summary>A field an apply would change that another manager owns.</summary>
/// <param name="Manager">The owning manager as the server prints it (<c>"x" using v1</c> for an Update manager).</param>
/// <param name="Field">The field path as the server prints it (<c>.spec.rules</c>).</param>
internal sealed record ApplyConflict(string Manager, string Field);
