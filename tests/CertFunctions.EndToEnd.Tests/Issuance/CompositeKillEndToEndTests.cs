using System.Text.RegularExpressions;
using CertFunctions.Core.Acme;
using CertFunctions.EndToEnd.Tests.Idempotence;
using CertFunctions.Testing.LocalWorld;
using CertFunctions.Testing.Network;
using CertFunctions.Testing.Pebble;
using Microsoft.AspNetCore.Http;

namespace CertFunctions.EndToEnd.Tests.Issuance;

/// <summary>
/// The host is killed in the middle of each composite step, at a known point: the CA has done its part and the answer
/// is held back by a proxy in front of Pebble. After a restart Durable runs the step again (after the work-item
/// visibility timeout, 5 s here), and the issuance must complete with one certificate and a clean cluster.
/// </summary>
public sealed partial class CompositeKillEndToEndTests : IAsyncLifetime
{
    private readonly int _proxyPort = FreePort.Next();
    private LocalWorld? _world;
    private PebbleHoldingProxy? _proxy;

    public async Task InitializeAsync()
    {
        _world = await LocalWorld.StartAsync(new LocalWorldOptions
        {
            StartHost = false,
            Settings = new Dictionary<string, string>
            {
                ["Acme:DirectoryUrl"] = $"https://127.0.0.1:{_proxyPort}/dir",
                ["Local:WorkItemVisibilityTimeout"] = "00:00:05",
            },
        });
        _proxy = await PebbleHoldingProxy.StartAsync(_world.Pebble, _proxyPort);
    }

    public async Task DisposeAsync()
    {
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }

        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }
    }

    [Fact]
    public async Task Killed_while_preparing_after_the_CA_created_the_order_the_issuance_completes_with_that_order()
    {
        await KillAtAndCompleteAsync("prepare", (request, _) => request.Path.StartsWithSegments("/authZ"));
        Assert.Single(_proxy!.Requests, r => r.StartsWith("POST /order-plz 201", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Killed_while_solving_after_the_CA_validated_the_challenge_the_issuance_completes()
    {
        var answered = false;
        await KillAtAndCompleteAsync("solve", (request, body) =>
        {
            answered |= request.Path.StartsWithSegments("/chalZ");
            return answered && request.Path.StartsWithSegments("/authZ") && ValidStatus().IsMatch(body);
        });
        Assert.Single(_proxy!.Requests, r => r.StartsWith("POST /chalZ/", StringComparison.Ordinal) && r.EndsWith(" 200", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Killed_while_completing_after_the_CA_issued_the_certificate_the_issuance_completes_with_it()
    {
        await KillAtAndCompleteAsync("complete", (request, _) => request.Path.StartsWithSegments("/certZ"));
        Assert.Single(_proxy!.Requests, r => r.StartsWith("POST /finalize-order/", StringComparison.Ordinal) && r.EndsWith(" 200", StringComparison.Ordinal));
    }

    private async Task KillAtAndCompleteAsync(string step, Func<HttpRequest, string, bool> hold)
    {
        var world = _world!;
        var held = _proxy!.HoldFirstAnswer(hold);
        await world.RestartHostAsync();
        var ns = await E2E.SeedIngressAsync(world, "web", [$"{step}.kill.example.test"]);
        var before = E2E.Comparable(await E2E.GetJsonAsync(world, "get", "ingress", "web", "-n", ns));
        var operation = await E2E.RequestAsync(world.Host!, ns, "web");

        await held.WaitAsync(TimeSpan.FromSeconds(60));
        await world.Host!.KillAsync();
        await world.RestartHostAsync();
        var final = await E2E.WaitForOperationAsync(world.Host!, operation);

        Assert.True((string?)final["status"] == "Completed", E2E.Pretty(final) + "\n" + world.Host!.RecentOutput);
        var secret = await E2E.GetJsonAsync(world, "get", "secret", "web-tls", "-n", ns);
        Assert.Equal((string?)final["result"]!["serial"], (string?)secret["metadata"]!["annotations"]!["certfunctions.io/serial"]);
        var after = E2E.Comparable(await E2E.GetJsonAsync(world, "get", "ingress", "web", "-n", ns));
        Assert.Single(after["spec"]!["tls"]!.AsArray());
        after["spec"]!.AsObject().Remove("tls");
        Assert.Equal(E2E.Pretty(before), E2E.Pretty(after));
        Assert.Empty(world.Azurite.CreateBlobServiceClient().GetBlobContainerClient("acme-challenges").GetBlobs());
        using var steps = new IssuanceSteps(world);
        Assert.Empty(await steps.Get<PendingKeyStore>().ListAsync(CancellationToken.None));
    }

    [GeneratedRegex("\"status\":\\s*\"valid\"")]
    private static partial Regex ValidStatus();
}
