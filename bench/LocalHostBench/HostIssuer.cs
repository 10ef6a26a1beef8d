using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CertFunctions.Testing.LocalWorld;

namespace LocalHostBench;

/// <summary>Drives the local host's HTTP API: POST api/certificates, then GET the operation until it ends.</summary>
internal sealed class HostIssuer(LocalHostProcess host)
{
    /// <summary>How often the operation is polled while timing one issuance.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>Requests a certificate and returns the operation URL.</summary>
    public async Task<Uri> RequestAsync(string ns, string ingress, CancellationToken cancellationToken)
    {
        using var response = await host.Http.PostAsJsonAsync("api/certificates", new { @namespace = ns, ingress }, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted || response.Headers.Location is null)
        {
            throw new InvalidOperationException($"POST api/certificates for {ns}/{ingress}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return response.Headers.Location;
    }

    /// <summary>Reads the operation once.</summary>
    public async Task<OperationStatus> GetAsync(Uri operation, CancellationToken cancellationToken) =>
        OperationStatus.From((await host.Http.GetFromJsonAsync<JsonObject>(operation, cancellationToken))!);

    /// <summary>
    /// Times one issuance from the POST until the operation is seen Completed (polled every 25 ms); also when each
    /// progress step was first seen (the steps' custom status), as offsets from the POST.
    /// </summary>
    public async Task<(TimeSpan Elapsed, OperationStatus Final, IReadOnlyList<(string Step, TimeSpan FirstSeen)> Steps)> IssueAsync(string ns, string ingress, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var operation = await RequestAsync(ns, ingress, cancellationToken);
        var steps = new List<(string Step, TimeSpan FirstSeen)> { ("Requested", TimeSpan.Zero) };
        while (true)
        {
            var status = await GetAsync(operation, cancellationToken);
            var step = status.Step ?? status.Status;
            if (steps[^1].Step != step)
            {
                steps.Add((step, stopwatch.Elapsed));
            }

            if (status.IsFinal)
            {
                var elapsed = stopwatch.Elapsed;
                return status.Status == "Completed"
                    ? (elapsed, status, steps)
                    : throw new InvalidOperationException($"Issuance for {ns}/{ingress} ended {status.Status}: {status.Json}\n{host.RecentOutput}");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}
