using System.Net;
using System.Text;

namespace CertFunctions.Core.Tests.Orchestration.World;

/// <summary>
/// A fault at the cluster's boundary: answers chosen API requests with an error status instead of passing them to
/// the emulator, the way an API server under load or a denying admission webhook would.
/// </summary>
internal sealed class KubernetesFaultHandler(Func<HttpRequestMessage, string, HttpStatusCode?> fault) : DelegatingHandler
{
    /// <summary>Requests answered with a fault, as "METHOD path status".</summary>
    public List<string> Faulted { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        if (fault(request, body) is not { } status)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        lock (Faulted)
        {
            Faulted.Add($"{request.Method} {request.RequestUri!.AbsolutePath} {(int)status}");
        }

        var reason = status == HttpStatusCode.Forbidden ? "Forbidden" : "ServiceUnavailable";
        var statusJson = $$"""{"kind":"Status","apiVersion":"v1","status":"Failure","message":"injected by the test: {{reason}}","reason":"{{reason}}","code":{{(int)status}}}""";
        return new HttpResponseMessage(status) { Content = new StringContent(statusJson, Encoding.UTF8, "application/json"), RequestMessage = request };
    }
}
