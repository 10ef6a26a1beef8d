using System.Text.Json.Nodes;

namespace DiscoveryBench;

/// <summary>How many certificates each object in a namespace was issued, from its <c>CertificateIssued</c> Events (and their counts).</summary>
internal static class IssuedEvents
{
    /// <summary>Object name -> certificates issued; an object never issued is absent.</summary>
    public static async Task<Dictionary<string, int>> CountsAsync(HttpClient api, string ns, CancellationToken cancellationToken)
    {
        var events = JsonNode.Parse(await api.GetStringAsync($"/api/v1/namespaces/{ns}/events", cancellationToken))!["items"]!.AsArray();
        return events.Where(e => (string?)e!["reason"] == "CertificateIssued")
            .GroupBy(e => (string)e!["involvedObject"]!["name"]!)
            .ToDictionary(g => g.Key, g => g.Sum(e => (int?)e!["count"] ?? 1));
    }
}
