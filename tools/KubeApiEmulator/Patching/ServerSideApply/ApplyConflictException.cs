namespace KubeApiEmulator.Patching.ServerSideApply;

/// <summary>An apply without force that would change fields other managers own.</summary>
internal sealed class ApplyConflictException(IReadOnlyList<ApplyConflict> conflicts) : Exception(Describe(conflicts))
{
    /// <summary>The conflicting fields with their managers.</summary>
    public IReadOnlyList<ApplyConflict> Conflicts => conflicts;

    // Worded as k8s.io/apiserver's internal/conflict.go words the Status message.
    private static string Describe(IReadOnlyList<ApplyConflict> conflicts)
    {
        if (conflicts.Count == 1)
        {
            return $"Apply failed with 1 conflict: conflict with {conflicts[0].Manager}: {conflicts[0].Field}";
        }

        var lines = conflicts
            .GroupBy(c => c.Manager)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => new[] { $"conflicts with {g.Key}:" }.Concat(g.Select(c => "- " + c.Field)));
        return $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", lines)}";
    }
}
