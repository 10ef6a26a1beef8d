using System.Text.Json.Nodes;
using CertFunctions.Testing.LocalWorld;

namespace CertFunctions.EndToEnd.Tests.Issuance;

[Collection(LocalWorldCollection.Name)]
public sealed class RenewalEndToEndTests(LocalWorldFixture fixture)
{
    [Fact]
    public async Task A_certificate_made_due_is_renewed_by_the_timer_path_and_its_serial_changes()
    {
        var world = fixture.World;
        var ns = await E2E.SeedIngressAsync(world, "shop", ["shop.renew.example.test"]);
        var first = await E2E.WaitForOperationAsync(fixture.Host, await E2E.RequestAsync(fixture.Host, ns, "shop"));
        Assert.True((string?)first["status"] == "Completed", E2E.Pretty(first));
        var firstSerial = (string?)(await SecretAsync(world, ns))["metadata"]!["annotations"]!["certfunctions.io/serial"];

        // Nothing is due yet: the scan starts nothing for this Ingress.
        var idle = await E2E.RunTimerAsync(fixture.Host);
        Assert.Equal(0, (int)idle["started"]!);

        // Make it due, as time would: the planned renewal moves into the past.
        var patch = await world.Emulator.RunKubectlAsync(
            "annotate", "secret", "shop-tls", "-n", ns, "--overwrite", "certfunctions.io/renew-after=2000-01-01T00:00:00Z");
        Assert.True(patch.ExitCode == 0, patch.StandardError);

        var report = await E2E.RunTimerAsync(fixture.Host);
        Assert.Equal(1, (int)report["started"]!);
        var operation = new Uri(fixture.Host.BaseUri, $"api/certificates/operations/{(string)first["id"]!}");
        var renewed = await E2E.WaitForNewRunAsync(fixture.Host, operation, (string)first["createdAt"]!);
        Assert.True((string?)renewed["status"] == "Completed", E2E.Pretty(renewed));

        var secret = await SecretAsync(world, ns);
        var secondSerial = (string?)secret["metadata"]!["annotations"]!["certfunctions.io/serial"];
        Assert.NotEqual(firstSerial, secondSerial);
        Assert.True(DateTimeOffset.Parse((string)secret["metadata"]!["annotations"]!["certfunctions.io/renew-after"]!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow);
        var events = await E2E.GetJsonAsync(world, "get", "events", "-n", ns);
        Assert.Contains(events["items"]!.AsArray(), e => (string?)e!["reason"] == "CertificateRenewed");

        var list = await fixture.Host.Http.GetStringAsync(new Uri("api/certificates", UriKind.Relative));
        Assert.Contains(secondSerial!, list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_scan_reports_a_bad_annotation_as_a_warning_event_and_writes_nothing_else()
    {
        var world = fixture.World;
        var ns = await E2E.SeedIngressAsync(world, "typo", ["typo.scan.example.test"], new Dictionary<string, string> { ["certfunctions.io/key-typ"] = "rsa-2048" });
        var before = E2E.Comparable(await E2E.GetJsonAsync(world, "get", "ingress", "typo", "-n", ns));

        var report = await E2E.RunTimerAsync(fixture.Host);

        Assert.Contains(report["problems"]!.AsArray(), p => ((string?)p)!.Contains($"{ns}/typo", StringComparison.Ordinal));
        var events = await E2E.GetJsonAsync(world, "get", "events", "-n", ns);
        var warning = Assert.Single(events["items"]!.AsArray())!;
        Assert.Equal("Warning", (string?)warning["type"]);
        Assert.Equal("InvalidConfiguration", (string?)warning["reason"]);
        Assert.Contains("key-typ", (string?)warning["message"], StringComparison.Ordinal);
        Assert.Equal(E2E.Pretty(before), E2E.Pretty(E2E.Comparable(await E2E.GetJsonAsync(world, "get", "ingress", "typo", "-n", ns))));
        Assert.Empty((await E2E.GetJsonAsync(world, "get", "secrets", "-n", ns))["items"]!.AsArray());
    }

    [Fact]
    public async Task Challenge_routing_left_after_a_completed_issuance_is_removed_by_the_next_scan()
    {
        var world = fixture.World;
        var ns = await E2E.SeedIngressAsync(world, "left", ["left.sweep.example.test"]);
        var issued = await E2E.WaitForOperationAsync(fixture.Host, await E2E.RequestAsync(fixture.Host, ns, "left"));
        Assert.True((string?)issued["status"] == "Completed", E2E.Pretty(issued));
        var clean = E2E.Comparable(await E2E.GetJsonAsync(world, "get", "ingress", "left", "-n", ns));

        // What a cleanup that kept failing leaves: a tracked challenge path in the Ingress and a labelled solver Ingress.
        const string Token = "leftoverTokenFromAnEndedIssuance0123456789";
        var tracked = $$"""[{"ruleHost":"left.sweep.example.test","path":"/.well-known/acme-challenge/{{Token}}","serviceName":"certfunctions-responder","servicePort":80}]""";
        var patch = new JsonArray(
            new JsonObject
            {
                ["op"] = "add",
                ["path"] = "/spec/rules/0/http/paths/0",
                ["value"] = new JsonObject
                {
                    ["path"] = "/.well-known/acme-challenge/" + Token,
                    ["pathType"] = "ImplementationSpecific",
                    ["backend"] = new JsonObject
                    {
                        ["service"] = new JsonObject { ["name"] = "certfunctions-responder", ["port"] = new JsonObject { ["number"] = 80 } },
                    },
                },
            },
            new JsonObject { ["op"] = "add", ["path"] = "/metadata/annotations/certfunctions.io~1presented-paths", ["value"] = tracked });
        var patched = await world.Emulator.RunKubectlAsync("patch", "ingress", "left", "-n", ns, "--type=json", "-p", patch.ToJsonString());
        Assert.True(patched.ExitCode == 0, patched.StandardError);
        var solverName = CertFunctions.Core.Kubernetes.Routing.SolverIngressBuilder.NameFor(new CertFunctions.Core.Certificates.CertificateRef("default", ns, "left"));
        var solver = $"""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: {solverName}
              namespace: {ns}
              labels:
                app.kubernetes.io/managed-by: certfunctions
                certfunctions.io/ingress: left
                certfunctions.io/challenge: "true"
            spec:
              ingressClassName: nginx
              rules:
                - host: left.sweep.example.test
                  http:
                    paths:
                      - path: /.well-known/acme-challenge/{Token}
                        pathType: ImplementationSpecific
                        backend:
                          service:
                            name: certfunctions-responder
                            port:
                              number: 80
            """;
        var applied = await world.Emulator.RunKubectlWithInputAsync(solver, "apply", "-f", "-");
        Assert.True(applied.ExitCode == 0, applied.StandardError);

        var report = await E2E.RunTimerAsync(fixture.Host);

        Assert.True((int)report["leftoversRemoved"]! >= 1, report.ToJsonString());
        Assert.Equal(E2E.Pretty(clean), E2E.Pretty(E2E.Comparable(await E2E.GetJsonAsync(world, "get", "ingress", "left", "-n", ns))));
        var ingresses = await E2E.GetJsonAsync(world, "get", "ingress", "-n", ns);
        Assert.Single(ingresses["items"]!.AsArray());
        var events = await E2E.GetJsonAsync(world, "get", "events", "-n", ns);
        var removed = Assert.Single(events["items"]!.AsArray(), e => (string?)e!["reason"] == "ChallengeLeftoversRemoved")!;
        Assert.Contains("1 challenge path(s) and 1 solver Ingress(es)", (string?)removed["message"], StringComparison.Ordinal);
        Assert.Contains("Completed", (string?)removed["message"], StringComparison.Ordinal);
    }

    private static async Task<JsonObject> SecretAsync(LocalWorld world, string ns) => await E2E.GetJsonAsync(world, "get", "secret", "shop-tls", "-n", ns);
}
