using System.Collections.Frozen;

namespace CertFunctions.Core.Dashboard;

/// <summary>The dashboard's files, embedded in this assembly so the app serves them itself (no CDN, no build step).</summary>
internal static class DashboardAssets
{
    private const string Prefix = "CertFunctions.Dashboard.";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["dashboard.css"] = "text/css; charset=utf-8",
        ["dashboard.js"] = "text/javascript; charset=utf-8",
        ["favicon.svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, byte[]> Files = ContentTypes.Keys.ToFrozenDictionary(name => name, Read, StringComparer.Ordinal);

    /// <summary>The page, a template with <c>{{assetQuery}}</c> where the asset URLs take the caller's <c>code</c>.</summary>
    public static byte[] Page => Files["index.html"];

    /// <summary>Finds a stylesheet, script or icon by its file name; only the embedded names exist.</summary>
    public static bool TryGet(string name, out byte[] content, out string contentType)
    {
        if (name != "index.html" && Files.TryGetValue(name, out content!))
        {
            contentType = ContentTypes[name];
            return true;
        }

        content = [];
        contentType = string.Empty;
        return false;
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream(Prefix + name)
            ?? throw new InvalidOperationException($"The dashboard asset {name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
