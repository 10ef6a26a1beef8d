using System.Diagnostics;
using System.Text;
using CertFunctions.Core.Certificates;
using k8s;

namespace RenewalScanBench;

/// <summary>
/// For comparison only (not product code): what reading every managed Secret would cost as paged list calls
/// (pages of 500, with or without the label selector app.kubernetes.io/managed-by=certfunctions) plus parsing each
/// tls.crt on one thread (the whole chain as DeployedCertificateReader does, or the leaf only), instead of one GET per Ingress.
/// List time and parse time are kept apart; CPU time of the process is measured too.
/// </summary>
internal static class ListBasedScan
{
    /// <summary>The selector the comparison can use.</summary>
    public const string ManagedSelector = "app.kubernetes.io/managed-by=certfunctions";

    /// <summary>Times one pass.</summary>
    public static async Task<ListBasedRun> RunAsync(IKubernetes client, string? labelSelector, bool leafOnly, CancellationToken cancellationToken)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var total = Stopwatch.StartNew();
        var parse = new Stopwatch();
        var parsed = 0;
        var pages = 0;
        string? token = null;
        do
        {
            var page = await client.CoreV1.ListSecretForAllNamespacesAsync(
                labelSelector: labelSelector, limit: 500, continueParameter: token, cancellationToken: cancellationToken);
            pages++;
            parse.Start();
            foreach (var secret in page.Items)
            {
                if (secret.Data?.TryGetValue("tls.crt", out var crt) == true)
                {
                    var pem = Encoding.UTF8.GetString(crt);
                    var chain = leafOnly ? CertificateMaterial.ParseChain(FirstBlock(pem)) : CertificateMaterial.ParseChain(pem);
                    _ = CertificateMaterial.DnsNames(chain.Leaf);
                    foreach (var certificate in chain.Certificates)
                    {
                        certificate.Dispose();
                    }

                    parsed++;
                }
            }

            parse.Stop();
            token = page.Metadata.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(token));

        var elapsed = total.Elapsed;
        process.Refresh();
        return new ListBasedRun(labelSelector is not null, leafOnly, elapsed, parse.Elapsed, process.TotalProcessorTime - cpu, parsed, pages);
    }

    private static string FirstBlock(string pem)
    {
        const string End = "-----END CERTIFICATE-----";
        var end = pem.IndexOf(End, StringComparison.Ordinal);
        return end < 0 ? pem : pem[..(end + End.Length)];
    }
}

/// <summary>One pass of the list-based comparison.</summary>
internal sealed record ListBasedRun(bool WithSelector, bool LeafOnly, TimeSpan Elapsed, TimeSpan Parsing, TimeSpan Cpu, int Parsed, int Pages);
