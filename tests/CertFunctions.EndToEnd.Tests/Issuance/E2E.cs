using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CertFunctions.Testing.LocalWorld;

namespace CertFunctions.EndToEnd.Tests.Issuance;

/// <summary>Helpers shared by the end-to-end tests: seed an Ingress with kubectl, drive the HTTP API, read the cluster back.</summary>
internal static class E2E
{
    public static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(150);

    /// <summary>Creates a namespace with a backend Service and an Ingress for the given hosts (applied with the real kubectl).</summary>
    public static Task<string> SeedIngressAsync(LocalWorld world, string name, IReadOnlyList<string> hosts, IDictionary<string, string>? annotations = null, bool optIn = true, string? inNamespace = null)
        => IngressSeeder.SeedAsync(world, name, hosts, optIn, "e2e", annotations, inNamespace);

    public static async Task<JsonObject> GetJsonAsync(LocalWorld world, params string[] kubectlArgs)
    {
        var result = await world.Emulator.RunKubectlAsync([.. kubectlArgs, "-o", "json"]);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', kubectlArgs)} failed: {result.StandardError}");
        return JsonNode.Parse(result.StandardOutput)!.AsObject();
    }

    /// <summary>Posts a certificate request and returns the operation URL.</summary>
    public static async Task<Uri> RequestAsync(LocalHostProcess host, string ns, string ingress)
    {
        using var response = await host.RequestCertificateAsync(ns, ingress);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"expected 202, got {(int)response.StatusCode}: {body}");
        return response.Headers.Location ?? throw new Xunit.Sdk.XunitException("202 without Location");
    }

    /// <summary>Posts a certificate request for a Gateway and returns the operation URL.</summary>
    public static async Task<Uri> RequestGatewayAsync(LocalHostProcess host, string ns, string gateway)
    {
        using var response = await host.RequestGatewayCertificatesAsync(ns, gateway);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"expected 202, got {(int)response.StatusCode}: {body}");
        return response.Headers.Location ?? throw new Xunit.Sdk.XunitException("202 without Location");
    }

    /// <summary>Polls the operation until it completes or fails.</summary>
    public static async Task<JsonObject> WaitForOperationAsync(LocalHostProcess host, Uri operation, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? OperationTimeout);
        JsonObject? last = null;
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                last = (await host.Http.GetFromJsonAsync<JsonObject>(operation, cancellation.Token))!;
                if ((string?)last["status"] is "Completed" or "Failed" or "Terminated")
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // The host may be restarting.
            }

            await Task.Delay(200, CancellationToken.None);
        }

        throw new TimeoutException($"The operation did not finish; last status: {last?.ToJsonString()}\nHost output:\n{host.RecentOutput}");
    }

    /// <summary>The Ingress without server-managed metadata, for before/after comparison.</summary>
    public static JsonObject Comparable(JsonObject ingress)
    {
        var copy = JsonNode.Parse(ingress.ToJsonString())!.AsObject();
        var metadata = copy["metadata"]!.AsObject();
        foreach (var field in new[] { "resourceVersion", "generation", "managedFields", "creationTimestamp", "uid" })
        {
            metadata.Remove(field);
        }

        metadata["annotations"]?.AsObject().Remove("kubectl.kubernetes.io/last-applied-configuration");
        copy.Remove("status");
        return copy;
    }

    public static string Pretty(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>Runs the renewal timer's scan now through the local host's admin endpoint; returns its report.</summary>
    public static async Task<JsonObject> RunTimerAsync(LocalHostProcess host)
    {
        using var response = await host.Http.PostAsync(new Uri("admin/functions/RenewalTimer", UriKind.Relative), null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Polls <paramref name="operation"/> until a run created after <paramref name="previousCreatedAt"/> completes or fails.</summary>
    public static async Task<JsonObject> WaitForNewRunAsync(LocalHostProcess host, Uri operation, string previousCreatedAt)
    {
        var previous = DateTimeOffset.Parse(previousCreatedAt, System.Globalization.CultureInfo.InvariantCulture);
        using var timeout = new CancellationTokenSource(OperationTimeout);
        while (true)
        {
            var state = JsonNode.Parse(await host.Http.GetStringAsync(operation, timeout.Token))!.AsObject();
            var created = DateTimeOffset.Parse((string)state["createdAt"]!, System.Globalization.CultureInfo.InvariantCulture);
            if (created > previous && (string?)state["status"] is "Completed" or "Failed")
            {
                return state;
            }

            await Task.Delay(200, timeout.Token);
        }
    }
}
