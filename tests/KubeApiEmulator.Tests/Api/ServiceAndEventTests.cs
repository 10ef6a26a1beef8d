using System.Net;
using CertFunctions.Testing.Kubernetes;
using KubeApiEmulator.Tests.Support;

namespace KubeApiEmulator.Tests.Api;

/// <summary>Service validation and status, and Events in both shapes, as a real server answers.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class ServiceAndEventTests(KubeApiEmulatorFixture emulator)
{
    [Fact]
    public async Task An_external_name_service_with_a_cluster_ip_is_422_cluster_ips_forbidden()
    {
        var ns = await emulator.CreateNamespaceAsync("extip");

        var answer = await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{ns}/services",
            """{"metadata":{"name":"ext"},"spec":{"type":"ExternalName","externalName":"example.com","clusterIP":"10.96.0.50"}}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Code);
        Assert.Equal("Service \"ext\" is invalid: spec.clusterIPs: Forbidden: may not be set for ExternalName services", answer.Message);
    }

    [Fact]
    public async Task Duplicate_service_ports_are_422_duplicate()
    {
        var ns = await emulator.CreateNamespaceAsync("dupport");

        var answer = await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{ns}/services",
            """{"metadata":{"name":"web"},"spec":{"ports":[{"name":"a","port":80},{"name":"b","port":80}]}}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Code);
        Assert.Equal(
            "Service \"web\" is invalid: spec.ports[1]: Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\", AppProtocol:(*string)(nil), Port:80, " +
            "TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}",
            answer.Message);
        Assert.Equal("FieldValueDuplicate", (string?)answer.Body["details"]!["causes"]![0]!["reason"]);
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"web"},"spec":{"ports":[{"port":80}]}}""")]
    [InlineData("""{"metadata":{"name":"web"},"spec":{"type":"ExternalName","externalName":"example.com"}}""")]
    public async Task A_created_service_carries_an_empty_load_balancer_status(string body)
    {
        var ns = await emulator.CreateNamespaceAsync("svcstatus");

        var answer = await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{ns}/services", body);

        Assert.Equal(HttpStatusCode.Created, answer.Code);
        Assert.Equal("""{"loadBalancer":{}}""", answer.Body["status"]!.ToJsonString());
    }

    [Fact]
    public async Task A_core_event_returns_reporting_component_instance_and_source_even_when_empty()
    {
        var ns = await emulator.CreateNamespaceAsync("coreev");

        var answer = await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{ns}/events",
            $$"""{"metadata":{"name":"e1"},"involvedObject":{"kind":"Ingress","name":"web","namespace":"{{ns}}"},"reason":"R","message":"m","type":"Normal"}""");
        var asEvents = await emulator.ApiClient.GetAsync($"/apis/events.k8s.io/v1/namespaces/{ns}/events/e1", null);

        Assert.Equal(HttpStatusCode.Created, answer.Code);
        Assert.Equal("", (string?)answer.Body["reportingComponent"]);
        Assert.Equal("", (string?)answer.Body["reportingInstance"]);
        Assert.Equal("{}", answer.Body["source"]!.ToJsonString());
        Assert.Null(asEvents.Body["reportingController"]);
        Assert.Equal("{}", asEvents.Body["deprecatedSource"]!.ToJsonString());
    }

    [Fact]
    public async Task Events_api_field_selectors_use_regarding_and_reporting_controller_and_refuse_core_names()
    {
        var ns = await emulator.CreateNamespaceAsync("evsel");
        await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{ns}/events",
            $$"""{"metadata":{"name":"e1"},"involvedObject":{"kind":"Ingress","name":"web","namespace":"{{ns}}"},"reason":"R","type":"Normal","reportingComponent":"me"}""");
        await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{ns}/events",
            $$"""{"metadata":{"name":"e2"},"involvedObject":{"kind":"Ingress","name":"other","namespace":"{{ns}}"},"reason":"R","type":"Normal"}""");

        var regarding = await emulator.ApiClient.GetAsync($"/apis/events.k8s.io/v1/namespaces/{ns}/events?fieldSelector=regarding.name%3Dweb", null);
        var controller = await emulator.ApiClient.GetAsync($"/apis/events.k8s.io/v1/namespaces/{ns}/events?fieldSelector=reportingController%3Dme", null);
        var coreName = await emulator.ApiClient.GetAsync($"/apis/events.k8s.io/v1/namespaces/{ns}/events?fieldSelector=involvedObject.name%3Dweb", null);

        Assert.Equal(["e1"], regarding.Body["items"]!.AsArray().Select(i => (string?)i!["metadata"]!["name"]));
        Assert.Equal(["e1"], controller.Body["items"]!.AsArray().Select(i => (string?)i!["metadata"]!["name"]));
        Assert.Equal(HttpStatusCode.BadRequest, coreName.Code);
        Assert.Equal("field label not supported: involvedObject.name", coreName.Message);
    }
}
