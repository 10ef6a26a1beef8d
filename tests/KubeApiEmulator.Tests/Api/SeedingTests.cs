using System.Diagnostics;
using System.Net;
using CertFunctions.Testing.Kubernetes;
using CertFunctions.Testing.Processes;

namespace KubeApiEmulator.Tests.Api;

/// <summary>An emulator seeded from YAML (multi-document and kind: List) with an upstream given on the command line.</summary>
public sealed class SeededEmulator() : KubeApiEmulatorFixture(new KubeApiEmulatorOptions
{
    SeedPaths = [SeedFiles.Write()],
    Upstreams = new Dictionary<string, Uri> { ["seeded/responder"] = new("http://127.0.0.1:9") },
});

/// <summary>Writes the seed folder used by <see cref="SeededEmulator"/>.</summary>
public static class SeedFiles
{
    /// <summary>Writes two YAML files into a folder of this test project's output and returns the folder.</summary>
    public static string Write()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "emulator-seed");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "10-app.yaml"), """
            apiVersion: v1
            kind: Service
            metadata:
              name: responder
              namespace: seeded
            spec:
              ports:
              - port: 80
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: web
              namespace: seeded
            spec:
              rules:
              - host: seeded.example.test
                http:
                  paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: responder
                        port:
                          number: 80
            """);
        File.WriteAllText(Path.Combine(folder, "20-list.yaml"), """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Secret
              metadata:
                name: one
                namespace: seeded
              stringData:
                a: b
            - apiVersion: networking.k8s.io/v1
              kind: IngressClass
              metadata:
                name: nginx
              spec:
                controller: k8s.io/ingress-nginx
            """);
        return folder;
    }
}

public sealed class SeedingTests(SeededEmulator emulator) : IClassFixture<SeededEmulator>
{
    [Fact]
    public async Task Seeded_objects_and_their_namespace_exist_at_start()
    {
        var result = await emulator.RunKubectlAsync("get", "ingress,service,secret", "-n", "seeded", "-o", "name");
        var classes = await emulator.RunKubectlAsync("get", "ingressclass", "-o", "name");

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(["ingress.networking.k8s.io/web", "service/responder", "secret/one"], result.StandardOutput.Trim().Split('\n'));
        Assert.Equal("ingressclass.networking.k8s.io/nginx", classes.StandardOutput.Trim());
    }

    [Fact]
    public async Task An_upstream_from_the_command_line_is_used_by_the_front()
    {
        var route = await emulator.ProbeRouteAsync("seeded.example.test", "/x");

        Assert.Equal(200, (int?)route["status"]);
        Assert.Equal("http://127.0.0.1:9/", (string?)route["url"]);
        Assert.Equal("web", (string?)route["ingress"]);
    }

    [Fact]
    public async Task A_seed_the_api_would_reject_stops_the_emulator_with_its_reason()
    {
        var bad = Path.Combine(emulator.WorkDirectory, "bad-seed.yaml");
        await File.WriteAllTextAsync(bad, "apiVersion: v1\nkind: Secret\nmetadata:\n  name: Bad_Name\n");
        var startInfo = new ProcessStartInfo(ProgramLocator.Require("dotnet", "the .NET SDK"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { KubeApiEmulatorLocator.AssemblyPath(), "--seed", bad })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);

        Assert.Equal(3, process.ExitCode);
        Assert.Contains("bad-seed.yaml (document 1): Secret \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\"", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_front_answers_502_when_the_mapped_upstream_is_down()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.FrontUri, "/"));
        request.Headers.Host = "seeded.example.test";

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }
}
