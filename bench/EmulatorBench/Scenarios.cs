using System.Diagnostics;
using System.Text.Json;
using CertFunctions.Testing.Kubernetes;
using k8s;

namespace EmulatorBench;

/// <summary>The measured scenarios: paging through every Ingress (raw HTTP and KubernetesClient), a renewal-style scan, kubectl.</summary>
internal sealed class Scenarios(KubeApiEmulatorFixture emulator, BenchOptions options)
{
    /// <summary>GET /apis/networking.k8s.io/v1/ingresses?limit=N&amp;continue=... until done, parsing each page.</summary>
    public async Task<Measurement> RawIngressPagesAsync(CancellationToken cancellationToken)
    {
        var runs = new List<TimeSpan>();
        var pages = 0;
        var items = 0;
        for (var round = 0; round < options.Rounds; round++)
        {
            var stopwatch = Stopwatch.StartNew();
            (pages, items) = await PageRawAsync("/apis/networking.k8s.io/v1/ingresses", cancellationToken);
            runs.Add(stopwatch.Elapsed);
        }

        return new Measurement($"raw HTTP: all Ingresses, pages of {options.PageSize}", runs, $"{items} items in {pages} pages");
    }

    /// <summary>KubernetesClient ListIngressForAllNamespaces in pages, typed.</summary>
    public async Task<Measurement> ClientIngressPagesAsync(CancellationToken cancellationToken)
    {
        using var client = emulator.CreateKubernetesClient();
        var runs = new List<TimeSpan>();
        var count = 0;
        for (var round = 0; round < options.Rounds; round++)
        {
            var stopwatch = Stopwatch.StartNew();
            count = await CountIngressesAsync(client, cancellationToken);
            runs.Add(stopwatch.Elapsed);
        }

        return new Measurement($"KubernetesClient: all Ingresses, pages of {options.PageSize}", runs, $"{count} items");
    }

    /// <summary>A renewal scan: every Ingress and every Secret, typed, in pages.</summary>
    public async Task<Measurement> RenewalScanAsync(CancellationToken cancellationToken)
    {
        using var client = emulator.CreateKubernetesClient();
        var runs = new List<TimeSpan>();
        var ingresses = 0;
        var secrets = 0;
        for (var round = 0; round < options.Rounds; round++)
        {
            var stopwatch = Stopwatch.StartNew();
            ingresses = await CountIngressesAsync(client, cancellationToken);
            secrets = 0;
            string? token = null;
            do
            {
                var page = await client.CoreV1.ListSecretForAllNamespacesAsync(limit: options.PageSize, continueParameter: token, cancellationToken: cancellationToken);
                secrets += page.Items.Count;
                token = page.Metadata.ContinueProperty;
            }
            while (!string.IsNullOrEmpty(token));

            runs.Add(stopwatch.Elapsed);
        }

        return new Measurement("KubernetesClient: renewal scan (all Ingresses + all Secrets)", runs, $"{ingresses} Ingresses, {secrets} Secrets");
    }

    /// <summary>kubectl get ingresses -A --chunk-size=N -o name (includes kubectl's own start).</summary>
    public async Task<Measurement> KubectlAsync()
    {
        var runs = new List<TimeSpan>();
        var lines = 0;
        for (var round = 0; round < Math.Min(options.Rounds, 3); round++)
        {
            var stopwatch = Stopwatch.StartNew();
            var result = await emulator.RunKubectlAsync("get", "ingresses", "-A", "--chunk-size=" + options.PageSize, "-o", "name");
            runs.Add(stopwatch.Elapsed);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("kubectl failed: " + result);
            }

            lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        }

        return new Measurement($"kubectl get ingresses -A --chunk-size={options.PageSize} -o name", runs, $"{lines} names");
    }

    private async Task<int> CountIngressesAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        var count = 0;
        string? token = null;
        do
        {
            var page = await client.NetworkingV1.ListIngressForAllNamespacesAsync(limit: options.PageSize, continueParameter: token, cancellationToken: cancellationToken);
            count += page.Items.Count;
            token = page.Metadata.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(token));

        return count;
    }

    private async Task<(int Pages, int Items)> PageRawAsync(string path, CancellationToken cancellationToken)
    {
        var pages = 0;
        var items = 0;
        string? token = null;
        do
        {
            var uri = $"{path}?limit={options.PageSize}" + (token is null ? string.Empty : "&continue=" + Uri.EscapeDataString(token));
            await using var stream = await emulator.ApiClient.GetStreamAsync(new Uri(emulator.ApiUri, uri), cancellationToken);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            items += document.RootElement.GetProperty("items").GetArrayLength();
            token = document.RootElement.GetProperty("metadata").TryGetProperty("continue", out var next) ? next.GetString() : null;
            pages++;
        }
        while (!string.IsNullOrEmpty(token));

        return (pages, items);
    }
}
