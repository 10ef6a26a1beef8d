using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CertFunctions.Testing.LocalWorld;

namespace CertFunctions.Dashboard.Tests;

/// <summary>Issues a certificate through the API (not the page), so a test starts from a managed certificate.</summary>
internal static class Issuance
{
    /// <summary>Requests a certificate for <paramref name="ns"/>/<paramref name="ingress"/> and waits until it completed.</summary>
    public static async Task IssueAsync(LocalHostProcess host, string ns, string ingress)
    {
        using var response = await host.RequestCertificateAsync(ns, ingress);
        await CompletedAsync(host, response);
    }

    /// <summary>Requests the certificates of Gateway <paramref name="ns"/>/<paramref name="gateway"/> and waits until the run completed.</summary>
    public static async Task IssueGatewayAsync(LocalHostProcess host, string ns, string gateway)
    {
        using var response = await host.RequestGatewayCertificatesAsync(ns, gateway);
        await CompletedAsync(host, response);
    }

    private static async Task CompletedAsync(LocalHostProcess host, HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var operation = response.Headers.Location!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        while (true)
        {
            var status = (await host.Http.GetFromJsonAsync<JsonObject>(operation, timeout.Token))!;
            if ((string?)status["status"] is "Completed")
            {
                return;
            }

            Assert.True((string?)status["status"] is "Pending" or "Running", status.ToJsonString());
            await Task.Delay(200, timeout.Token);
        }
    }
}
