using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Events;
using CertFunctions.Core.Kubernetes.Tls;
using CertFunctions.Core.Tests.Kubernetes.Support;
using CertFunctions.Testing.Kubernetes;
using k8s;
using k8s.Models;

namespace CertFunctions.Core.Tests.Kubernetes.Integration;

[Collection(KubeApiEmulatorCollection.Name)]
public sealed class IngressTlsAndEventsTests(KubeApiEmulatorFixture emulator)
{
    [Fact]
    public async Task Spec_tls_gets_our_secret_for_the_hosts_keeps_other_entries_and_never_duplicates()
    {
        var ns = await emulator.CreateNamespaceAsync("tls");
        using var client = emulator.CreateKubernetesClient();
        await Objects.CreateIngressAsync(client, ns, Ingresses.Create(
            hosts: ["www.example.com", "api.example.com"],
            tls: [new V1IngressTLS { Hosts = ["legacy.example.com"], SecretName = "legacy" }]));
        using var host = KubernetesTestHost.Create(emulator);
        var binder = host.Get<IngressTlsBinder>();
        var certificate = new CertificateRef(KubernetesTestHost.Cluster, ns, "web");

        var first = await binder.AttachAsync(certificate, ["www.example.com", "api.example.com"], "web-tls", CancellationToken.None);
        var second = await binder.AttachAsync(certificate, ["www.example.com", "api.example.com"], "web-tls", CancellationToken.None);
        var kubectl = await emulator.RunKubectlAsync("get", "ingress", "web", "-n", ns, "-o", "jsonpath={range .spec.tls[*]}{.secretName}={.hosts}{\"\\n\"}{end}");

        Assert.True(first.Changed);
        Assert.False(second.Changed);
        Assert.True(kubectl.Succeeded, kubectl.ToString());
        var lines = kubectl.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("legacy=", lines[0]);
        Assert.Equal("web-tls=[\"www.example.com\",\"api.example.com\"]", lines[1]);
    }

    [Fact]
    public async Task Events_land_on_the_ingress_and_a_repeated_event_bumps_its_count()
    {
        var ns = await emulator.CreateNamespaceAsync("events");
        using var client = emulator.CreateKubernetesClient();
        var ingress = await Objects.CreateIngressAsync(client, ns, Ingresses.Create());
        using var host = KubernetesTestHost.Create(emulator);
        var recorder = host.Get<IngressEventRecorder>();
        var certificate = new CertificateRef(KubernetesTestHost.Cluster, ns, "web");

        Assert.True(await recorder.RecordAsync(certificate, IngressEventReasons.ChallengePresented, "Routed 1 challenge path for www.example.com", IngressEventType.Normal, CancellationToken.None));
        Assert.True(await recorder.RecordAsync(certificate, IngressEventReasons.IssuanceFailed, "Let's Encrypt could not reach http://www.example.com/.well-known/acme-challenge/: check DNS", IngressEventType.Warning, CancellationToken.None));
        Assert.True(await recorder.RecordAsync(certificate, IngressEventReasons.IssuanceFailed, "Let's Encrypt could not reach http://www.example.com/.well-known/acme-challenge/: check DNS", IngressEventType.Warning, CancellationToken.None));
        var events = (await client.CoreV1.ListNamespacedEventAsync(ns)).Items;
        var kubectl = await emulator.RunKubectlAsync("get", "events", "-n", ns, "--field-selector", "involvedObject.name=web", "-o", "jsonpath={range .items[*]}{.type}/{.reason}/{.count}{\"\\n\"}{end}");

        Assert.Equal(2, events.Count);
        var failed = Assert.Single(events, e => e.Reason == IngressEventReasons.IssuanceFailed);
        Assert.Equal(2, failed.Count);
        Assert.Equal("Warning", failed.Type);
        Assert.Equal("Ingress", failed.InvolvedObject.Kind);
        Assert.Equal("networking.k8s.io/v1", failed.InvolvedObject.ApiVersion);
        Assert.Equal(ingress.Metadata.Uid, failed.InvolvedObject.Uid);
        Assert.Equal("certfunctions", failed.ReportingComponent);
        Assert.Equal("certfunctions", failed.Source.Component);
        Assert.True(kubectl.Succeeded, kubectl.ToString());
        Assert.Contains("Warning/IssuanceFailed/2", kubectl.StandardOutput);
        Assert.Contains("Normal/ChallengePresented/1", kubectl.StandardOutput);
        var describe = await emulator.RunKubectlAsync("describe", "ingress", "web", "-n", ns);
        Assert.True(describe.Succeeded, describe.ToString());
        Assert.Contains("IssuanceFailed", describe.StandardOutput);
        Assert.Contains("check DNS", describe.StandardOutput);
    }

    [Fact]
    public async Task An_event_that_cannot_be_recorded_is_reported_not_thrown()
    {
        using var host = KubernetesTestHost.Create(emulator);

        var recorded = await host.Get<IngressEventRecorder>().RecordAsync(
            new CertificateRef("nowhere", "apps", "web"), IngressEventReasons.CertificateIssued, "x", IngressEventType.Normal, CancellationToken.None);

        Assert.False(recorded);
    }
}
