namespace KubeApiEmulator.Api;

/// <summary>Reads the includeObject parameter.</summary>
internal static class TableObjectPolicies
{
    /// <summary>The policy named by <paramref name="value"/> (empty means Metadata).</summary>
    /// <exception cref="StatusException">400 for an unknown value, with the server's message.</exception>
    public static TableObjectPolicy Parse(string value) => value switch
    {
        "" or "Metadata" => TableObjectPolicy.Metadata,
        "None" => TableObjectPolicy.None,
        "Object" => TableObjectPolicy.Object,
        _ => throw StatusObjects.BadRequest($"unrecognized includeObject value: \"{value}\""),
    };
}
