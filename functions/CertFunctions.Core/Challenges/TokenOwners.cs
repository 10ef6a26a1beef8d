namespace CertFunctions.Core.Challenges;

/// <summary>The instances presenting a token, as kept in the token blob's metadata.</summary>
internal static class TokenOwners
{
    /// <summary>The metadata key (a comma-separated list of escaped instance ids).</summary>
    public const string MetadataKey = "owners";

    /// <summary>The single-owner key that blobs written by earlier versions carry.</summary>
    public const string LegacyMetadataKey = "owner";

    /// <summary>Reads the owners from blob metadata (either key).</summary>
    public static List<string> Read(IDictionary<string, string> metadata)
    {
        var owners = new List<string>();
        if (metadata.TryGetValue(MetadataKey, out var list) && !string.IsNullOrEmpty(list))
        {
            owners.AddRange(list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString));
        }

        if (metadata.TryGetValue(LegacyMetadataKey, out var single) && !string.IsNullOrEmpty(single))
        {
            owners.Add(Uri.UnescapeDataString(single));
        }

        return [.. owners.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Writes <paramref name="owners"/> into <paramref name="metadata"/>, replacing either key.</summary>
    public static void Write(IDictionary<string, string> metadata, IEnumerable<string> owners)
    {
        metadata.Remove(LegacyMetadataKey);
        metadata[MetadataKey] = string.Join(',', owners.Distinct(StringComparer.Ordinal).Select(Uri.EscapeDataString));
    }
}
