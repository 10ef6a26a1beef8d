using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using CertFunctions.EndToEnd.Tests.Issuance;
using CertFunctions.Testing.LocalWorld;

namespace CertFunctions.EndToEnd.Tests.Gateways;

/// <summary>What the Gateway end-to-end tests read back from the cluster and check: Secrets, the Gateway's spec, its Events.</summary>
internal static class GatewayAssertions
{
    /// <summary>Asserts Secret <paramref name="secretName"/> is ours, for exactly <paramref name="hosts"/>, with a chain Pebble's root verifies.</summary>
    public static async Task AssertCertificateAsync(LocalWorld world, string ns, string secretName, string[] hosts, string gateway = "web")
    {
        var secret = await E2E.GetJsonAsync(world, "get", "secret", secretName, "-n", ns);
        Assert.Equal("kubernetes.io/tls", (string?)secret["type"]);
        Assert.Equal(gateway, (string?)secret["metadata"]!["labels"]!["certfunctions.io/gateway"]);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(Encoding.ASCII.GetString(Convert.FromBase64String((string)secret["data"]!["tls.crt"]!)));
        Assert.True(chain.Count >= 2, "tls.crt must hold the leaf and its intermediates");
        Assert.False(string.IsNullOrEmpty((string?)secret["data"]!["tls.key"]), "tls.key must be written with the chain");
        var sans = chain[0].Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().ToArray();
        Assert.Equal(hosts.Order(), sans.Order());
        using var verify = new X509Chain();
        verify.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        verify.ChainPolicy.CustomTrustStore.Add(await world.Pebble.GetRootCertificateAsync());
        verify.ChainPolicy.ExtraStore.AddRange(new X509Certificate2Collection(chain.Skip(1).ToArray()));
        verify.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(verify.Build(chain[0]), string.Join("; ", verify.ChainStatus.Select(s => s.StatusInformation)));
    }

    /// <summary>The Gateway's spec as indented JSON, for before/after comparison.</summary>
    public static async Task<string> SpecAsync(LocalWorld world, string ns, string gateway = "web") =>
        E2E.Pretty((await E2E.GetJsonAsync(world, "get", "gateway", gateway, "-n", ns))["spec"]!);

    /// <summary>The HTTPRoutes in <paramref name="ns"/>.</summary>
    public static async Task<JsonArray> HttpRoutesAsync(LocalWorld world, string ns) =>
        (await E2E.GetJsonAsync(world, "get", "httproutes", "-n", ns))["items"]!.AsArray();

    /// <summary>The names of the <c>kubernetes.io/tls</c> Secrets in <paramref name="ns"/>.</summary>
    public static async Task<List<string>> TlsSecretsAsync(LocalWorld world, string ns) =>
        [.. (await E2E.GetJsonAsync(world, "get", "secrets", "-n", ns))["items"]!.AsArray()
            .Where(s => (string?)s!["type"] == "kubernetes.io/tls")
            .Select(s => (string)s!["metadata"]!["name"]!)];

    /// <summary>The Events recorded on Gateway <paramref name="gateway"/> in <paramref name="ns"/>.</summary>
    public static async Task<List<JsonNode>> GatewayEventsAsync(LocalWorld world, string ns, string gateway = "web") =>
        [.. (await E2E.GetJsonAsync(world, "get", "events", "-n", ns))["items"]!.AsArray()
            .Where(e => (string?)e!["involvedObject"]!["kind"] == "Gateway" && (string?)e["involvedObject"]!["name"] == gateway)
            .Select(e => e!)];
}
