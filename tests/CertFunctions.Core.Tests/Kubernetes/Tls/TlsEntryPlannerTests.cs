using CertFunctions.Core.Kubernetes.Patching;
using CertFunctions.Core.Kubernetes.Tls;
using CertFunctions.Core.Tests.Kubernetes.Support;
using k8s.Models;

namespace CertFunctions.Core.Tests.Kubernetes.Tls;

public sealed class TlsEntryPlannerTests
{
    [Fact]
    public void An_ingress_without_tls_gets_one_entry()
    {
        var after = Plan(Ingresses.Create(), ["www.example.com"], "web-tls", out var changed);

        Assert.True(changed);
        var entry = Assert.Single(after.Spec.Tls);
        Assert.Equal("web-tls", entry.SecretName);
        Assert.Equal(["www.example.com"], entry.Hosts);
    }

    [Fact]
    public void The_entry_with_our_secret_is_updated_and_others_are_kept()
    {
        var ingress = Ingresses.Create(tls:
        [
            new V1IngressTLS { Hosts = ["legacy.example.com"], SecretName = "legacy" },
            new V1IngressTLS { Hosts = ["www.example.com"], SecretName = "web-tls" },
        ]);

        var after = Plan(ingress, ["www.example.com", "api.example.com"], "web-tls", out _);

        Assert.Equal(2, after.Spec.Tls.Count);
        Assert.Equal("legacy", after.Spec.Tls[0].SecretName);
        Assert.Equal(["www.example.com", "api.example.com"], after.Spec.Tls[1].Hosts);
    }

    [Fact]
    public void The_entry_for_the_same_hosts_gets_our_secret()
    {
        var ingress = Ingresses.Create(tls: [new V1IngressTLS { Hosts = ["www.example.com"], SecretName = "old" }]);

        var after = Plan(ingress, ["WWW.example.com"], "web-tls", out _);

        Assert.Equal("web-tls", Assert.Single(after.Spec.Tls).SecretName);
    }

    [Fact]
    public void Attaching_twice_changes_nothing_and_never_duplicates()
    {
        var once = Plan(Ingresses.Create(tls: [new V1IngressTLS { Hosts = ["x.example.com"], SecretName = "x" }]), ["www.example.com"], "web-tls", out _);

        var twice = Plan(once, ["www.example.com"], "web-tls", out var changed);

        Assert.False(changed);
        Assert.Equal(2, twice.Spec.Tls.Count);
        Assert.Single(twice.Spec.Tls, t => t.SecretName == "web-tls");
    }

    private static V1Ingress Plan(V1Ingress ingress, IReadOnlyList<string> hosts, string secret, out bool changed)
    {
        var patch = new JsonPatch().Test("/metadata/resourceVersion", ingress.Metadata.ResourceVersion);
        changed = TlsEntryPlanner.Plan(ingress, hosts, secret, patch);
        Assert.Equal(changed, patch.HasChanges);
        return JsonPatchApplier.Apply(ingress, patch);
    }
}
