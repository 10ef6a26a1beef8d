using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using CertFunctions.Core.Acme;
using CertFunctions.Core.DependencyInjection;
using CertFunctions.EndToEnd.Tests.Issuance;
using CertFunctions.Testing.Pebble;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CertFunctions.EndToEnd.Tests.Issuers;

/// <summary>Named issuers against two real CAs (one requiring external account binding), Azurite and the emulator.</summary>
public sealed class NamedIssuersEndToEndTests(TwoIssuerWorldFixture fixture) : IClassFixture<TwoIssuerWorldFixture>
{
    private const string IssuerAnnotation = "certfunctions.io/issuer";

    [Fact]
    public async Task Two_ingresses_on_different_issuers_get_certificates_from_their_own_ca_each_with_its_own_account()
    {
        var world = fixture.World;
        var plainNs = await E2E.SeedIngressAsync(world, "plain", ["plain.issuers.example.test"]);
        var boundNs = await E2E.SeedIngressAsync(world, "bound", ["bound.issuers.example.test"], new Dictionary<string, string> { [IssuerAnnotation] = "eab" });

        var plain = E2E.WaitForOperationAsync(fixture.Host, await E2E.RequestAsync(fixture.Host, plainNs, "plain"));
        var bound = E2E.WaitForOperationAsync(fixture.Host, await E2E.RequestAsync(fixture.Host, boundNs, "bound"));
        Assert.True((string?)(await plain)["status"] == "Completed", E2E.Pretty(await plain));
        Assert.True((string?)(await bound)["status"] == "Completed", E2E.Pretty(await bound));

        // Each certificate chains to its own CA's root, and its Secret names the issuer.
        var plainSecret = await SecretAsync(plainNs, "plain-tls");
        var boundSecret = await SecretAsync(boundNs, "bound-tls");
        Assert.Equal("default", Annotation(plainSecret, IssuerAnnotation));
        Assert.Equal("eab", Annotation(boundSecret, IssuerAnnotation));
        Assert.Equal(world.Pebble.DirectoryUri.AbsoluteUri, Annotation(plainSecret, "certfunctions.io/acme-directory"));
        Assert.Equal(world.SecondPebble!.DirectoryUri.AbsoluteUri, Annotation(boundSecret, "certfunctions.io/acme-directory"));
        Assert.True(await ChainsToAsync(plainSecret, world.Pebble));
        Assert.False(await ChainsToAsync(plainSecret, world.SecondPebble));
        Assert.True(await ChainsToAsync(boundSecret, world.SecondPebble));

        // The Events and the API list name the issuer.
        Assert.Contains("from issuer eab", await EventMessageAsync(boundNs, "CertificateIssued"), StringComparison.Ordinal);
        Assert.Equal("eab", (string?)(await ListedAsync(boundNs, "bound"))["issuer"]);
        Assert.Equal("default", (string?)(await ListedAsync(plainNs, "plain"))["issuer"]);

        // One account per issuer: the default where the single-issuer form kept it, the other in its own folder.
        var accounts = await AccountBlobsAsync();
        Assert.Contains(accounts, a => a.StartsWith("accounts/127.0.0.1-", StringComparison.Ordinal));
        Assert.Contains(accounts, a => a.StartsWith("accounts/eab/127.0.0.1-", StringComparison.Ordinal));

        // The EAB HMAC key never reaches the logs.
        Assert.DoesNotContain(TwoIssuerWorldFixture.EabHmacKey, fixture.Host.RecentOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ingress_that_switches_issuer_is_renewed_from_the_new_one_at_the_next_scan()
    {
        var world = fixture.World;
        var ns = await E2E.SeedIngressAsync(world, "switch", ["switch.issuers.example.test"]);
        var first = await E2E.WaitForOperationAsync(fixture.Host, await E2E.RequestAsync(fixture.Host, ns, "switch"));
        Assert.True((string?)first["status"] == "Completed", E2E.Pretty(first));
        var before = await SecretAsync(ns, "switch-tls");
        Assert.Equal("default", Annotation(before, IssuerAnnotation));

        // Nothing is due while the issuer stays the same.
        await RunTimerAsync();
        Assert.Equal((string?)first["createdAt"], (string?)(await OperationAsync(first))["createdAt"]);

        var annotate = await world.Emulator.RunKubectlAsync("annotate", "ingress", "switch", "-n", ns, $"{IssuerAnnotation}=eab");
        Assert.True(annotate.ExitCode == 0, annotate.StandardError);
        await RunTimerAsync();
        var renewed = await WaitForNewRunAsync(first);
        Assert.True((string?)renewed["status"] == "Completed", E2E.Pretty(renewed) + "\nHost output:\n" + fixture.Host.RecentOutput);

        var after = await SecretAsync(ns, "switch-tls");
        Assert.Equal("eab", Annotation(after, IssuerAnnotation));
        Assert.NotEqual(Annotation(before, "certfunctions.io/serial"), Annotation(after, "certfunctions.io/serial"));
        Assert.True(await ChainsToAsync(after, world.SecondPebble!));
        var message = await EventMessageAsync(ns, "CertificateRenewed");
        Assert.Contains("from issuer eab", message, StringComparison.Ordinal);
        Assert.Contains("asks for this issuer now", message, StringComparison.Ordinal);
        Assert.Equal("eab", (string?)(await ListedAsync(ns, "switch"))["issuer"]);
    }

    [Fact]
    public async Task An_unknown_issuer_is_a_400_and_a_warning_event_and_changes_nothing()
    {
        var world = fixture.World;
        var ns = await E2E.SeedIngressAsync(world, "typo", ["typo.issuers.example.test"], new Dictionary<string, string> { [IssuerAnnotation] = "producton" });
        var ingress = E2E.Comparable(await E2E.GetJsonAsync(world, "get", "ingress", "typo", "-n", ns));

        using var response = await fixture.Host.RequestCertificateAsync(ns, "typo");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Unknown issuer", (string?)problem["title"]);
        Assert.Contains("asks for ACME issuer 'producton'", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Contains("configured: default, eab, eab-missing, restricted", (string?)problem["detail"], StringComparison.Ordinal);

        var report = await RunTimerAsync();
        Assert.Contains(report["problems"]!.AsArray(), p => ((string?)p)!.Contains($"{ns}/typo", StringComparison.Ordinal));
        var warning = Assert.Single((await E2E.GetJsonAsync(world, "get", "events", "-n", ns))["items"]!.AsArray())!;
        Assert.Equal("Warning", (string?)warning["type"]);
        Assert.Equal("InvalidConfiguration", (string?)warning["reason"]);
        Assert.Contains("producton", (string?)warning["message"], StringComparison.Ordinal);

        // Never a fallback to the default: no certificate, the Ingress as it was.
        Assert.Empty((await E2E.GetJsonAsync(world, "get", "secrets", "-n", ns))["items"]!.AsArray());
        Assert.Equal(E2E.Pretty(ingress), E2E.Pretty(E2E.Comparable(await E2E.GetJsonAsync(world, "get", "ingress", "typo", "-n", ns))));
    }

    [Fact]
    public async Task An_issuer_the_namespace_may_not_use_is_refused_with_the_reason()
    {
        var ns = await E2E.SeedIngressAsync(fixture.World, "fenced", ["fenced.issuers.example.test"], new Dictionary<string, string> { [IssuerAnnotation] = "restricted" });

        using var response = await fixture.Host.RequestCertificateAsync(ns, "fenced");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Issuer not allowed in this namespace", (string?)problem["title"]);
        Assert.Contains($"namespace '{ns}' may not use", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Contains("Acme:Issuers:restricted:AllowedNamespaces is only-this-one", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Empty((await E2E.GetJsonAsync(fixture.World, "get", "secrets", "-n", ns))["items"]!.AsArray());
    }

    [Fact]
    public async Task An_issuer_without_the_eab_its_ca_requires_fails_with_the_cas_reason_and_stores_nothing()
    {
        var world = fixture.World;
        var ns = await E2E.SeedIngressAsync(world, "nokey", ["nokey.issuers.example.test"], new Dictionary<string, string> { [IssuerAnnotation] = "eab-missing" });
        var ingress = E2E.Comparable(await E2E.GetJsonAsync(world, "get", "ingress", "nokey", "-n", ns));

        var failed = await E2E.WaitForOperationAsync(fixture.Host, await E2E.RequestAsync(fixture.Host, ns, "nokey"));

        Assert.True((string?)failed["status"] == "Failed", E2E.Pretty(failed));
        var failure = (string?)failed["failure"];
        Assert.Contains("ACME issuer eab-missing", failure, StringComparison.Ordinal);
        Assert.Contains("externalAccountRequired", failure, StringComparison.Ordinal);
        Assert.Contains("set Acme:Issuers:eab-missing:EabKeyId and Acme:Issuers:eab-missing:EabHmacKey", failure, StringComparison.Ordinal);
        Assert.Contains("ACME issuer eab-missing", await EventMessageAsync(ns, "IssuanceFailed"), StringComparison.Ordinal);
        Assert.Empty((await E2E.GetJsonAsync(world, "get", "secrets", "-n", ns))["items"]!.AsArray());
        Assert.Equal(E2E.Pretty(ingress), E2E.Pretty(E2E.Comparable(await E2E.GetJsonAsync(world, "get", "ingress", "nokey", "-n", ns))));
        Assert.DoesNotContain(await AccountBlobsAsync(), a => a.StartsWith("accounts/eab-missing/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_moving_to_named_issuers_the_default_issuer_keeps_the_account_of_the_single_issuer_settings()
    {
        var world = fixture.World;
        var container = "upgrade-" + Guid.NewGuid().ToString("N")[..12];
        var common = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = world.Azurite.ConnectionString,
            ["Storage:StateContainer"] = container,
        };

        // Before: the single-issuer form creates and stores the account.
        Uri before;
        using (var single = Services(common, new()
        {
            ["Acme:DirectoryUrl"] = world.Pebble.DirectoryUri.AbsoluteUri,
            ["Acme:TrustedRootPath"] = world.PebbleTlsRootPath,
        }))
        {
            before = (await single.GetRequiredService<AcmeClientProvider>().GetClientAsync(null, CancellationToken.None)).AccountUrl!;
        }

        // After: the same CA as the issuer named default, beside another issuer.
        using var named = Services(common, new()
        {
            ["Acme:Issuers:default:DirectoryUrl"] = world.Pebble.DirectoryUri.AbsoluteUri,
            ["Acme:Issuers:default:TrustedRootPath"] = world.PebbleTlsRootPath,
            ["Acme:Issuers:eab:DirectoryUrl"] = world.SecondPebble!.DirectoryUri.AbsoluteUri,
            ["Acme:Issuers:eab:TrustedRootPath"] = world.SecondPebbleTlsRootPath,
            ["Acme:Issuers:eab:EabKeyId"] = TwoIssuerWorldFixture.EabKeyId,
            ["Acme:Issuers:eab:EabHmacKey"] = TwoIssuerWorldFixture.EabHmacKey,
        });
        var provider = named.GetRequiredService<AcmeClientProvider>();
        var reused = (await provider.GetClientAsync("default", CancellationToken.None)).AccountUrl;
        var other = (await provider.GetClientAsync("eab", CancellationToken.None)).AccountUrl;

        Assert.Equal(before, reused);
        Assert.NotEqual(before, other);
        Assert.Equal(2, (await AccountBlobsAsync(container)).Count);
    }

    private static ServiceProvider Services(Dictionary<string, string?> common, Dictionary<string, string?> acme)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(common).AddInMemoryCollection(acme).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddCertFunctionsCore(configuration).BuildServiceProvider();
        services.GetRequiredService<IStartupValidator>().Validate();
        return services;
    }

    private Task<JsonObject> SecretAsync(string ns, string name) => E2E.GetJsonAsync(fixture.World, "get", "secret", name, "-n", ns);

    private static string? Annotation(JsonObject secret, string key) => (string?)secret["metadata"]!["annotations"]![key];

    /// <summary>True when the Secret's chain verifies up to <paramref name="ca"/>'s issuing root.</summary>
    private static async Task<bool> ChainsToAsync(JsonObject secret, PebbleFixture ca)
    {
        var pem = Encoding.UTF8.GetString(Convert.FromBase64String((string)secret["data"]!["tls.crt"]!));
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(pem);
        using var root = await ca.GetRootCertificateAsync();
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.ExtraStore.AddRange(certificates);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificates[0]);
    }

    private async Task<string> EventMessageAsync(string ns, string reason)
    {
        var events = await E2E.GetJsonAsync(fixture.World, "get", "events", "-n", ns);
        var found = events["items"]!.AsArray().FirstOrDefault(e => (string?)e!["reason"] == reason);
        Assert.True(found is not null, $"no {reason} Event in {ns}: {E2E.Pretty(events)}");
        return (string)found!["message"]!;
    }

    private async Task<JsonObject> ListedAsync(string ns, string ingress)
    {
        var list = JsonNode.Parse(await fixture.Host.Http.GetStringAsync(new Uri("api/certificates", UriKind.Relative)))!;
        return list["certificates"]!.AsArray()
            .Single(c => (string?)c!["certificate"]!["namespace"] == ns && (string?)c["certificate"]!["ingress"] == ingress)!.AsObject();
    }

    private async Task<List<string>> AccountBlobsAsync(string containerName = "certfunctions-state")
    {
        var container = new BlobContainerClient(fixture.World.Azurite.ConnectionString, containerName);
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = "accounts/" }))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    private async Task<JsonObject> RunTimerAsync()
    {
        using var response = await fixture.Host.Http.PostAsync(new Uri("admin/functions/RenewalTimer", UriKind.Relative), null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private async Task<JsonObject> OperationAsync(JsonObject operation) =>
        JsonNode.Parse(await fixture.Host.Http.GetStringAsync(new Uri(fixture.Host.BaseUri, $"api/certificates/operations/{(string)operation["id"]!}")))!.AsObject();

    private async Task<JsonObject> WaitForNewRunAsync(JsonObject previous)
    {
        var previousCreated = DateTimeOffset.Parse((string)previous["createdAt"]!, System.Globalization.CultureInfo.InvariantCulture);
        using var timeout = new CancellationTokenSource(E2E.OperationTimeout);
        while (true)
        {
            var state = await OperationAsync(previous);
            var created = DateTimeOffset.Parse((string)state["createdAt"]!, System.Globalization.CultureInfo.InvariantCulture);
            if (created > previousCreated && (string?)state["status"] is "Completed" or "Failed")
            {
                return state;
            }

            await Task.Delay(200, timeout.Token);
        }
    }
}
