using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace KubeApiEmulator.Routing;

/// <summary>Upstream URLs for Services (keyed "namespace/service"), set on the command line or at runtime.</summary>
internal sealed class UpstreamMap
{
    private readonly ConcurrentDictionary<string, Uri> _entries = new(StringComparer.Ordinal);

    /// <summary>Creates the map with the entries given at start.</summary>
    public UpstreamMap(IEnumerable<KeyValuePair<string, Uri>> initial)
    {
        foreach (var (key, url) in initial)
        {
            _entries[key] = url;
        }
    }

    /// <summary>The URL for a Service, or null.</summary>
    public Uri? Find(string ns, string service) => _entries.TryGetValue(ns + "/" + service, out var url) ? url : null;

    /// <summary>Sets or replaces the URL of a Service.</summary>
    public void Set(string ns, string service, Uri url) => _entries[ns + "/" + service] = url;

    /// <summary>Removes the URL of a Service; false when there was none.</summary>
    public bool Remove(string ns, string service) => _entries.TryRemove(ns + "/" + service, out _);

    /// <summary>Every entry.</summary>
    public IReadOnlyDictionary<string, Uri> Snapshot() => new Dictionary<string, Uri>(_entries, StringComparer.Ordinal);

    /// <summary>Checks an upstream URL: absolute http or https.</summary>
    public static bool TryParseUrl(string text, [NotNullWhen(true)] out Uri? url, [NotNullWhen(false)] out string? error)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            url = null;
            error = $"'{text}' is not an absolute http:// or https:// URL";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Parses "namespace/service=url".</summary>
    public static bool TryParseEntry(string text, [NotNullWhen(true)] out string? key, [NotNullWhen(true)] out Uri? url, [NotNullWhen(false)] out string? error)
    {
        key = null;
        url = null;
        var parts = text.Split('=', 2);
        var names = parts[0].Trim().Split('/');
        if (parts.Length != 2 || names.Length != 2 || names[0].Length == 0 || names[1].Length == 0)
        {
            error = "expected namespace/service=url";
            return false;
        }

        if (!TryParseUrl(parts[1].Trim(), out url, out error))
        {
            return false;
        }

        key = names[0] + "/" + names[1];
        return true;
    }
}
