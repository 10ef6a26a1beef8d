using System.Text;
using System.Text.Json.Nodes;
using CertFunctions.Core.Admission;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Tests.Admission;

/// <summary>
/// The webhook answers before any storage call: it records the write in memory and the worker starts the issuance after
/// the answer; writes of one object waiting to start coalesce into the newest; a failed start does not stop the others.
/// </summary>
public sealed class AdmissionWebhookEndpointTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task The_answer_comes_while_the_start_is_still_held_and_the_start_follows_it()
    {
        var gateway = new GatedGateway();
        var queue = new AdmissionBacklog();
        using var worker = new AdmissionStartWorker(queue, NullLogger<AdmissionStartWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);

        var answer = await CallAsync(Endpoint(gateway, queue), Review("shop", "uid-1", 1));

        Assert.True((bool)answer["response"]!["allowed"]!);
        Assert.Empty(gateway.Started);
        gateway.Open();
        var request = await WaitForStartAsync(gateway);
        Assert.Equal(new CertificateRef("default", "web", "shop"), request.Certificate);
        Assert.Equal(("uid-1", 1L), (request.Admitted!.Uid, request.Admitted.Generation));
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Writes_of_one_object_waiting_to_start_become_one_start_for_the_newest_generation()
    {
        var gateway = new GatedGateway();
        var queue = new AdmissionBacklog();
        var endpoint = Endpoint(gateway, queue);

        await CallAsync(endpoint, Review("shop", "uid-1", 1));
        await CallAsync(endpoint, Review("shop", "uid-1", 3));
        await CallAsync(endpoint, Review("shop", "uid-1", 2));
        await CallAsync(endpoint, Review("cart", "uid-2", 1));

        Assert.Equal(2, queue.Count);
        gateway.Open();
        using var worker = new AdmissionStartWorker(queue, NullLogger<AdmissionStartWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);
        var first = await WaitForStartAsync(gateway);
        var second = await WaitForStartAsync(gateway);
        var byName = new[] { first, second }.ToDictionary(r => r.Certificate.Ingress);
        Assert.Equal(3, byName["shop"].Admitted!.Generation);
        Assert.Equal(1, byName["cart"].Admitted!.Generation);
        await Task.Delay(100);
        Assert.Equal(2, gateway.Calls);
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_start_that_fails_is_left_to_discovery_and_the_next_write_still_starts()
    {
        var gateway = new GatedGateway { FailingInstanceId = new CertificateRef("default", "web", "broken").InstanceId };
        gateway.Open();
        var queue = new AdmissionBacklog();
        using var worker = new AdmissionStartWorker(queue, NullLogger<AdmissionStartWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);
        var endpoint = Endpoint(gateway, queue);

        var failed = await CallAsync(endpoint, Review("broken", "uid-1", 1));
        await Task.Delay(100);
        await CallAsync(endpoint, Review("fine", "uid-2", 1));

        Assert.True((bool)failed["response"]!["allowed"]!);
        Assert.Equal("fine", (await WaitForStartAsync(gateway)).Certificate.Ingress);
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void A_full_queue_refuses_the_next_object_but_still_takes_writes_of_objects_already_waiting()
    {
        var gateway = new GatedGateway();
        var queue = new AdmissionBacklog();
        for (var i = 0; i < AdmissionBacklog.Capacity; i++)
        {
            Assert.True(queue.Enqueue(Pending(gateway, "ingress-" + i, 1)));
        }

        Assert.False(queue.Enqueue(Pending(gateway, "one-too-many", 1)));
        Assert.True(queue.Enqueue(Pending(gateway, "ingress-0", 2)));
        Assert.Equal(AdmissionBacklog.Capacity, queue.Count);
    }

    [Fact]
    public async Task A_gateway_write_records_the_run_of_the_gateway_as_a_whole_and_other_kinds_record_nothing()
    {
        var gateway = new GatedGateway();
        var queue = new AdmissionBacklog();
        var endpoint = Endpoint(gateway, queue);

        await CallAsync(endpoint, Review("edge", "uid-1", 2, group: "gateway.networking.k8s.io", kind: "Gateway"));
        await CallAsync(endpoint, Review("route", "uid-2", 1, group: "gateway.networking.k8s.io", kind: "HTTPRoute"));

        Assert.Equal(1, queue.Count);
        var pending = await queue.TakeAsync(CancellationToken.None);
        Assert.Equal(CertificateRef.ForGateway("default", "web", "edge"), pending.Certificate);
        Assert.Null(pending.Certificate.Secret);
        Assert.Equal(("uid-1", 2L), (pending.Admitted.Uid, pending.Admitted.Generation));
    }

    [Fact]
    public async Task A_dry_run_and_an_ingress_that_does_not_opt_in_record_nothing()
    {
        var gateway = new GatedGateway();
        var queue = new AdmissionBacklog();
        var endpoint = Endpoint(gateway, queue);

        var dry = await CallAsync(endpoint, Review("dry", "uid-1", 1, dryRun: true));
        var plain = await CallAsync(endpoint, Review("plain", "uid-2", 1, optIn: false));

        Assert.True((bool)dry["response"]!["allowed"]!);
        Assert.True((bool)plain["response"]!["allowed"]!);
        Assert.Equal(0, queue.Count);
    }

    private static AdmissionWebhookEndpoint Endpoint(GatedGateway gateway, AdmissionBacklog queue)
    {
        var kubernetes = new KubernetesOptions();
        kubernetes.Clusters["default"] = new KubernetesClusterOptions();
        return new AdmissionWebhookEndpoint(
            gateway,
            queue,
            new StaticOptionsMonitor<AdmissionWebhookOptions>(new AdmissionWebhookOptions { Secret = Secret }),
            Options.Create(kubernetes),
            NullLogger<AdmissionWebhookEndpoint>.Instance);
    }

    private static PendingAdmission Pending(GatedGateway gateway, string name, long generation) =>
        new(gateway, new CertificateRef("default", "web", name), new AdmittedObject("uid-" + name, generation, TimeSpan.FromSeconds(30)), "CREATE");

    private static async Task<JsonObject> CallAsync(AdmissionWebhookEndpoint endpoint, string review)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(review));
        context.Response.Body = new MemoryStream();
        await endpoint.HandleAsync(context, "default", Secret);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        return JsonNode.Parse(context.Response.Body)!.AsObject();
    }

    private static async Task<CertFunctions.Core.Orchestration.IssueCertificateRequest> WaitForStartAsync(GatedGateway gateway)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (gateway.Started.TryDequeue(out var request))
            {
                return request;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("nothing was started");
    }

    private static string Review(
        string name, string uid, long generation, bool dryRun = false, bool optIn = true, string group = "networking.k8s.io", string kind = "Ingress") => new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = Guid.NewGuid().ToString(),
                ["kind"] = new JsonObject { ["group"] = group, ["version"] = "v1", ["kind"] = kind },
                ["operation"] = generation == 1 ? "CREATE" : "UPDATE",
                ["namespace"] = "web",
                ["name"] = name,
                ["dryRun"] = dryRun,
                ["object"] = new JsonObject
                {
                    ["metadata"] = new JsonObject
                    {
                        ["name"] = name,
                        ["namespace"] = "web",
                        ["uid"] = uid,
                        ["generation"] = generation,
                        ["annotations"] = optIn ? new JsonObject { ["certfunctions.io/enabled"] = "true" } : new JsonObject(),
                    },
                },
            },
        }.ToJsonString();
}
