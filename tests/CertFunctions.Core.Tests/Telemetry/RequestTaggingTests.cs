using System.Diagnostics;
using System.Net;
using CertFunctions.Acme.Telemetry;
using CertFunctions.Core.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace CertFunctions.Core.Tests.Telemetry;

public sealed class RequestTaggingTests
{
    [Theory]
    [InlineData("GET", "/api/v1/namespaces/a/secrets/b", "get", "secrets")]
    [InlineData("GET", "/api/v1/namespaces/a/secrets?labelSelector=x", "list", "secrets")]
    [InlineData("GET", "/apis/networking.k8s.io/v1/ingresses?watch=true", "watch", "ingresses")]
    [InlineData("PATCH", "/apis/networking.k8s.io/v1/namespaces/a/ingresses/web", "patch", "ingresses")]
    [InlineData("PUT", "/apis/gateway.networking.k8s.io/v1/namespaces/a/gateways/gw/status", "update", "gateways/status")]
    [InlineData("POST", "/api/v1/namespaces/a/events", "create", "events")]
    [InlineData("DELETE", "/api/v1/namespaces/a/services", "deletecollection", "services")]
    [InlineData("GET", "/api/v1/namespaces/a", "get", "namespaces")]
    public void Kubernetes_requests_are_named_by_verb_and_resource_never_by_object(string method, string path, string verb, string resource)
    {
        var shape = KubernetesRequestShape.Of(new HttpMethod(method), new Uri("https://cluster.example:6443" + path));
        Assert.Equal((verb, resource), shape);
    }

    [Fact]
    public async Task The_kubernetes_handler_counts_each_request_with_its_tags()
    {
        var exported = new List<Metric>();
        using var provider = Sdk.CreateMeterProviderBuilder().AddMeter(TelemetryNames.Meter).AddInMemoryExporter(exported).Build();
        using var handler = new KubernetesRequestMetricsHandler("tagging-test") { InnerHandler = new StatusHandler(HttpStatusCode.Conflict) };
        using var client = new HttpClient(handler);
        using var content = new StringContent("{}");
        using var response = await client.PatchAsync(new Uri("https://cluster.example/api/v1/namespaces/a/secrets/web-tls"), content);

        provider.ForceFlush();
        var counter = Assert.Single(exported, m => m.Name == "certfunctions.kubernetes.requests");
        var points = new List<Dictionary<string, object?>>();
        foreach (ref readonly var point in counter.GetMetricPoints())
        {
            var tags = new Dictionary<string, object?>();
            foreach (var tag in point.Tags)
            {
                tags[tag.Key] = tag.Value;
            }

            if (Equals(tags[TelemetryTags.Cluster], "tagging-test"))
            {
                Assert.Equal(1, point.GetSumLong());
                points.Add(tags);
            }
        }

        var only = Assert.Single(points);
        Assert.Equal("patch", only[TelemetryTags.KubernetesVerb]);
        Assert.Equal("secrets", only[TelemetryTags.KubernetesResource]);
        Assert.Equal(409, only[TelemetryTags.HttpStatus]);
        Assert.DoesNotContain(only.Values, v => v is string s && s.Contains("web-tls", StringComparison.Ordinal));
    }

    [Fact]
    public void Span_urls_lose_acme_ids_blob_names_tokens_and_queries()
    {
        using var activity = new Activity("test");
        using var acme = new HttpRequestMessage(HttpMethod.Post, "https://ca.example/acme/order/1234/5678");
        acme.Options.Set(AcmeRequestOptions.Endpoint, AcmeEndpoint.Order);
        HttpSpanRedaction.Enrich(activity, acme);
        Assert.Equal("https://ca.example/{acme:Order}", activity.GetTagItem("url.full"));

        using var blob = new HttpRequestMessage(HttpMethod.Get, "https://account.blob.core.windows.net/acme-challenges/TOKEN123?sv=sig");
        blob.Headers.Add("x-ms-version", "2025-01-05");
        HttpSpanRedaction.Enrich(activity, blob);
        Assert.Equal("https://account.blob.core.windows.net/acme-challenges/{name}", activity.GetTagItem("url.full"));

        using var check = new HttpRequestMessage(HttpMethod.Get, "http://web.example/.well-known/acme-challenge/TOKEN123?x=1");
        HttpSpanRedaction.Enrich(activity, check);
        Assert.Equal("http://web.example/.well-known/acme-challenge/{token}", activity.GetTagItem("url.full"));
        Assert.Equal("https://host/api/certificates", HttpSpanRedaction.Redact("https://host/api/certificates?code=secret-key"));
    }

    private sealed class StatusHandler(HttpStatusCode status) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => Task.FromResult(new HttpResponseMessage(status));
    }
}
