using CertFunctions.Testing.LocalWorld;

namespace CertFunctions.EndToEnd.Tests.Issuance;

/// <summary>A CA that forgot the account (Pebble restarted: it keeps accounts in memory) gets it registered again, and issuance goes on.</summary>
public sealed class AccountRecoveryEndToEndTests : IAsyncLifetime
{
    private LocalWorld? _world;

    public async Task InitializeAsync() => _world = await LocalWorld.StartAsync();

    public async Task DisposeAsync()
    {
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_issuance_after_the_CA_forgot_the_account_registers_the_stored_key_again_and_succeeds()
    {
        var world = _world!;
        var firstNs = await E2E.SeedIngressAsync(world, "web", ["before.account.example.test"]);
        var first = await E2E.WaitForOperationAsync(world.Host!, await E2E.RequestAsync(world.Host!, firstNs, "web"));
        Assert.True((string?)first["status"] == "Completed", E2E.Pretty(first) + "\n" + world.Host!.RecentOutput);

        await world.Pebble.RestartAsync();
        var ns = await E2E.SeedIngressAsync(world, "web", ["after.account.example.test"]);
        var second = await E2E.WaitForOperationAsync(world.Host!, await E2E.RequestAsync(world.Host!, ns, "web"));

        Assert.True((string?)second["status"] == "Completed", E2E.Pretty(second) + "\n" + world.Host!.RecentOutput);
        var events = await E2E.GetJsonAsync(world, "get", "events", "-n", ns);
        var registered = Assert.Single(events["items"]!.AsArray(), e => (string?)e!["reason"] == "AcmeAccountRegisteredAgain")!;
        Assert.Equal("Warning", (string?)registered["type"]);
        Assert.Contains("no longer knows ACME account", world.Host!.RecentOutput, StringComparison.Ordinal);

        // The new account URL is stored: a fresh host reads it and needs no second registration.
        await world.RestartHostAsync();
        var thirdNs = await E2E.SeedIngressAsync(world, "web", ["later.account.example.test"]);
        var third = await E2E.WaitForOperationAsync(world.Host!, await E2E.RequestAsync(world.Host!, thirdNs, "web"));
        Assert.True((string?)third["status"] == "Completed", E2E.Pretty(third) + "\n" + world.Host!.RecentOutput);
        Assert.DoesNotContain(
            (await E2E.GetJsonAsync(world, "get", "events", "-n", thirdNs))["items"]!.AsArray(),
            e => (string?)e!["reason"] == "AcmeAccountRegisteredAgain");
    }
}
