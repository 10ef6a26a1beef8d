using System.Text.Json.Nodes;

namespace KubeApiEmulator.Validation;

/// <summary>ValidateNoNewFinalizers: an object being deleted may lose finalizers but not gain any.</summary>
internal static class FinalizerRules
{
    /// <summary>Adds the Forbidden error for finalizers added to an object that has a deletionTimestamp.</summary>
    public static void Validate(ValidationContext context)
    {
        if (context.Old is not JsonObject old || old.Metadata()["deletionTimestamp"] is null)
        {
            return;
        }

        var before = Names(old).ToHashSet(StringComparer.Ordinal);
        var added = Names(context.Object).Where(f => !before.Contains(f)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (added.Count > 0)
        {
            var printed = "[]string{" + string.Join(", ", added.Select(FieldError.Quote)) + "}";
            context.Add(FieldError.Forbidden("metadata.finalizers", "no new finalizers can be added if the object is being deleted, found new finalizers " + printed));
        }
    }

    private static IEnumerable<string> Names(JsonObject obj) =>
        (obj.Metadata()["finalizers"] as JsonArray ?? []).Select(f => f?.ToString() ?? string.Empty);
}
