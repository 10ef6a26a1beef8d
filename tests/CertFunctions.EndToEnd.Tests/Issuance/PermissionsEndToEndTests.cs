using System.Net;
using System.Text.Json.Nodes;
using CertFunctions.Testing.LocalWorld;
using CertFunctions.Testing.Processes;
using k8s;
using k8s.Models;

namespace CertFunctions.EndToEnd.Tests.Issuance;

/// <summary>
/// The permissions written for users (the ClusterRole of infra/k8s/rbac.yaml and the Azure custom role of
/// infra/modules/aks-access.bicep, as the snapshot of the sample parameters shows it) are exactly what the app
/// asks the Kubernetes API for: a missing verb breaks a deployment, an extra one widens what a stolen identity can do.
/// </summary>
/// <remarks>
/// The emulator's audit does not say who made a request, so this test owns its world and resets the audit after
/// seeding with kubectl: everything recorded afterwards is the app's.
/// </remarks>
public sealed class PermissionsEndToEndTests : IAsyncLifetime
{
    private const string AksDataActionPrefix = "Microsoft.ContainerService/managedClusters/";
    private LocalWorld? _world;

    public async Task InitializeAsync()
        => _world = await LocalWorld.StartAsync(new LocalWorldOptions
        {
            // Wait mode holds each issuance in a durable timer after routing the challenge: the window to cancel one in.
            Settings = new Dictionary<string, string> { ["SelfCheck:Mode"] = "Wait", ["SelfCheck:WaitDuration"] = "00:00:04" },
        });

    public async Task DisposeAsync()
    {
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_rbac_manifest_and_the_azure_role_grant_exactly_the_requests_of_issuance_renewal_cancel_and_scan()
    {
        var world = _world!;
        var host = world.Host!;
        var inPlace = await E2E.SeedIngressAsync(world, "web", ["inplace.permissions.example.test"], new Dictionary<string, string> { ["certfunctions.io/routing"] = "in-place" });
        var solver = await E2E.SeedIngressAsync(world, "web", ["solver.permissions.example.test"], new Dictionary<string, string> { ["certfunctions.io/routing"] = "solver-ingress" });
        await SeedStaleResponderAsync(world, solver);
        var cancelled = await E2E.SeedIngressAsync(world, "web", ["cancel.permissions.example.test"]);
        await E2E.SeedIngressAsync(world, "typo", ["typo.permissions.example.test"], new Dictionary<string, string> { ["certfunctions.io/key-typ"] = "rsa-2048" });

        // A Gateway whose second listener names a Secret in another namespace with no ReferenceGrant (read, reported, skipped).
        var gateway = await GatewaySeeder.SeedAsync(world, "web", [
            GatewaySeeder.Http("http"),
            GatewaySeeder.Https("shop", "gateway.permissions.example.test", "shop-tls"),
            GatewaySeeder.Https("other", "other.permissions.example.test", "other-tls", secretNamespace: inPlace),
        ]);
        await world.Emulator.ResetAuditAsync();

        // Issuance both ways (the solver one also moves a responder Service that points elsewhere), a forced renewal
        // that writes over the Secret, a cancelled issuance, and two scans that repeat a Warning Event.
        var issued = await CompleteAsync(host, await E2E.RequestAsync(host, inPlace, "web"));
        await CompleteAsync(host, await E2E.RequestAsync(host, solver, "web"));
        await CompleteAsync(host, await E2E.RequestGatewayAsync(host, gateway, "web"));
        await RenewAsync(host, inPlace, "web", issued);
        await CancelAsync(host, await E2E.RequestAsync(host, cancelled, "web"));
        await RunTimerAsync(host);
        await RunTimerAsync(host);
        var used = (await world.Emulator.GetAuditAsync())
            .Where(e => e.Code is not (401 or 403))
            .Select(e => new Permission(e.Verb, e.Group, e.Resource, e.Subresource))
            .ToHashSet();

        AssertSameSets("infra/k8s/rbac.yaml", KubernetesRbacGrants(), used);
        AssertSameSets(
            "the dataActions of the Azure role (infra/modules/aks-access.bicep, in infra/main.snapshot.json)",
            AzureRoleDataActions(),
            used.Select(AzureDataAction).ToHashSet());
    }

    private static void AssertSameSets<T>(string where, HashSet<T> granted, HashSet<T> used)
    {
        var missing = used.Except(granted).Select(p => p!.ToString()).Order().ToList();
        var unused = granted.Except(used).Select(p => p!.ToString()).Order().ToList();
        Assert.True(
            missing.Count == 0 && unused.Count == 0,
            $"{where} does not match what the app does.\nUsed but not granted:\n  {string.Join("\n  ", missing)}\nGranted but never used:\n  {string.Join("\n  ", unused)}");
    }

    /// <summary>Every (verb, group, resource, subresource) the Role and ClusterRole rules of rbac.yaml grant.</summary>
    private static HashSet<Permission> KubernetesRbacGrants()
    {
        var yaml = File.ReadAllText(Path.Combine(ProgramLocator.RepositoryRoot, "infra", "k8s", "rbac.yaml"));
        var objects = KubernetesYaml.LoadAllFromString(yaml);
        var rules = objects.OfType<V1ClusterRole>().SelectMany(r => r.Rules).Concat(objects.OfType<V1Role>().SelectMany(r => r.Rules)).ToList();
        Assert.NotEmpty(rules);
        return [.. from rule in rules
                   from @group in rule.ApiGroups
                   from resource in rule.Resources
                   from verb in rule.Verbs
                   let parts = resource.Split('/', 2)
                   select new Permission(verb, @group, parts[0], parts.Length == 2 ? parts[1] : "")];
    }

    /// <summary>The dataActions of every custom role the sample parameters deploy (one, for the AzureRbac cluster).</summary>
    private static HashSet<string> AzureRoleDataActions()
    {
        var snapshot = JsonNode.Parse(File.ReadAllText(Path.Combine(ProgramLocator.RepositoryRoot, "infra", "main.snapshot.json")))!;
        var roles = snapshot["predictedResources"]!.AsArray()
            .Where(r => (string?)r!["type"] == "Microsoft.Authorization/roleDefinitions")
            .ToList();
        var role = Assert.Single(roles)!;
        return [.. role["properties"]!["permissions"]!.AsArray()
            .SelectMany(p => p!["dataActions"]!.AsArray().Select(a => (string)a!))];
    }

    /// <summary>The AKS data action that allows a request: group/resource[/subresource]/read|write|delete.</summary>
    private static string AzureDataAction(Permission p)
    {
        var kind = p.Verb switch
        {
            "get" or "list" or "watch" => "read",
            "create" or "update" or "patch" => "write",
            "delete" or "deletecollection" => "delete",
            _ => throw new Xunit.Sdk.XunitException($"No AKS data action is known for the verb {p.Verb}."),
        };
        var resource = string.IsNullOrEmpty(p.Subresource) ? p.Resource : $"{p.Resource}/{p.Subresource}";
        return string.IsNullOrEmpty(p.Group)
            ? $"{AksDataActionPrefix}{resource}/{kind}"
            : $"{AksDataActionPrefix}{p.Group}/{resource}/{kind}";
    }

    /// <summary>A responder Service of ours that names another host, as after the Function App moved: the app patches it.</summary>
    private static async Task SeedStaleResponderAsync(LocalWorld world, string ns)
    {
        var port = world.HostSettings["Challenge:ResponderServicePort"];
        var yaml = $"""
            apiVersion: v1
            kind: Service
            metadata:
              name: certfunctions-responder
              namespace: {ns}
              labels:
                app.kubernetes.io/managed-by: certfunctions
            spec:
              type: ExternalName
              externalName: moved.permissions.example.test
              ports:
                - name: http
                  port: {port}
                  protocol: TCP
            """;
        var result = await world.Emulator.RunKubectlWithInputAsync(yaml, "apply", "-f", "-");
        Assert.True(result.ExitCode == 0, result.StandardError);
    }

    private static async Task<JsonObject> CompleteAsync(LocalHostProcess host, Uri operation)
    {
        var final = await E2E.WaitForOperationAsync(host, operation);
        Assert.True((string?)final["status"] == "Completed", E2E.Pretty(final) + "\n" + host.RecentOutput);
        return final;
    }

    private static async Task RenewAsync(LocalHostProcess host, string ns, string ingress, JsonObject before)
    {
        using var response = await host.Http.PostAsync(new Uri($"api/certificates/default/{ns}/{ingress}/renew", UriKind.Relative), null);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var operation = response.Headers.Location!;
        var previous = DateTimeOffset.Parse((string)before["createdAt"]!, System.Globalization.CultureInfo.InvariantCulture);
        using var timeout = new CancellationTokenSource(E2E.OperationTimeout);
        while (true)
        {
            var state = JsonNode.Parse(await host.Http.GetStringAsync(operation, timeout.Token))!.AsObject();
            var created = DateTimeOffset.Parse((string)state["createdAt"]!, System.Globalization.CultureInfo.InvariantCulture);
            if (created > previous && (string?)state["status"] is "Completed" or "Failed")
            {
                Assert.True((string?)state["status"] == "Completed", E2E.Pretty(state));
                return;
            }

            await Task.Delay(200, timeout.Token);
        }
    }

    private static async Task CancelAsync(LocalHostProcess host, Uri operation)
    {
        using (var timeout = new CancellationTokenSource(E2E.OperationTimeout))
        {
            while ((string?)JsonNode.Parse(await host.Http.GetStringAsync(operation, timeout.Token))!["progress"]?["step"] != "SelfChecking")
            {
                await Task.Delay(100, timeout.Token);
            }
        }

        using var response = await host.Http.DeleteAsync(operation);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task RunTimerAsync(LocalHostProcess host)
    {
        using var response = await host.Http.PostAsync(new Uri("admin/functions/RenewalTimer", UriKind.Relative), null);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    /// <summary>One Kubernetes permission as RBAC and the audit name it.</summary>
    private sealed record Permission(string Verb, string Group, string Resource, string Subresource)
    {
        public override string ToString() =>
            $"{Verb} {(Group.Length == 0 ? "core" : Group)}/{Resource}{(Subresource.Length == 0 ? "" : "/" + Subresource)}";
    }
}
