using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using CertFunctions.EndToEnd.Tests.Issuance;
using CertFunctions.Testing.LocalWorld;
using CertFunctions.Testing.Network;

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

    /// <summary>
    /// Routes the Gateway's HTTPS <paramref name="listeners"/> (name, hostname, Secret) to the local host with an HTTPRoute of
    /// the test's own, then for each sends HTTPS to the emulator's port for listener port 443 with the hostname as SNI and
    /// asserts the handshake presented the Secret's leaf with a chain Pebble's root verifies, and the backend answered.
    /// </summary>
    public static async Task AssertServedOverTlsAsync(LocalWorld world, LocalHostProcess backend, string ns, (string Listener, string Hostname, string Secret)[] listeners, string gateway = "web")
    {
        var parents = string.Concat(listeners.Select(l => $"\n  - name: {gateway}\n    sectionName: {l.Listener}"));
        var yaml = $"""
            apiVersion: v1
            kind: Service
            metadata:
              name: app
              namespace: {ns}
            spec:
              ports:
              - port: 80
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: app
              namespace: {ns}
            spec:
              parentRefs:{parents}
              rules:
              - backendRefs:
                - name: app
                  port: 80
            """;
        var applied = await world.Emulator.RunKubectlWithInputAsync(yaml, "apply", "-f", "-");
        Assert.True(applied.ExitCode == 0, applied.StandardError);
        await world.Emulator.SetUpstreamAsync(ns, "app", backend.BaseUri);
        var accepted = await world.Emulator.RunKubectlAsync("wait", "-n", ns, "--for=jsonpath={.status.parents[0].conditions[?(@.type==\"Accepted\")].status}=True", "httproute/app", "--timeout=20s");
        Assert.True(accepted.ExitCode == 0, accepted.StandardError);
        var port = await world.Emulator.GatewayListenerPortAsync(443);
        var root = await world.Pebble.GetRootCertificateAsync();
        foreach (var (listener, hostname, secretName) in listeners)
        {
            var secret = await E2E.GetJsonAsync(world, "get", "secret", secretName, "-n", ns);
            var chain = new X509Certificate2Collection();
            chain.ImportFromPem(Encoding.ASCII.GetString(Convert.FromBase64String((string)secret["data"]!["tls.crt"]!)));

            var answer = await HttpsProbe.GetAsync(port, hostname, "/api/health");

            Assert.True(chain[0].SerialNumber == answer.Leaf.SerialNumber, $"listener {listener} ({hostname}) presented serial {answer.Leaf.SerialNumber}, the Secret holds {chain[0].SerialNumber}");
            Assert.True(answer.ChainsTo(root), $"the chain listener {listener} presented must verify to Pebble's root");
            Assert.Equal(System.Net.HttpStatusCode.OK, answer.Status);
            Assert.Contains("\"status\"", answer.Body, StringComparison.Ordinal);
        }
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
