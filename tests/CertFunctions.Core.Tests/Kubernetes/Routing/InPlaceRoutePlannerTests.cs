using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Patching;
using CertFunctions.Core.Kubernetes.Routing;
using CertFunctions.Core.Tests.Kubernetes.Support;
using k8s;
using k8s.Models;

namespace CertFunctions.Core.Tests.Kubernetes.Routing;

public sealed class InPlaceRoutePlannerTests
{
    private const string Responder = "certfunctions-responder";

    [Fact]
    public void Challenge_paths_are_prepended_to_each_matching_rule_with_the_configured_path_type()
    {
        var ingress = Ingresses.Create(hosts: ["www.example.com", "api.example.com", "other.example.com"]);

        var (after, presented) = Add(ingress, ["www.example.com", "api.example.com"], ["tok1", "tok2"], ChallengePathType.Prefix);

        foreach (var rule in after.Spec.Rules.Take(2))
        {
            Assert.Equal(["/.well-known/acme-challenge/tok1", "/.well-known/acme-challenge/tok2", "/"], rule.Http.Paths.Select(p => p.Path));
            Assert.All(rule.Http.Paths.Take(2), p =>
            {
                Assert.Equal("Prefix", p.PathType);
                Assert.Equal(Responder, p.Backend.Service.Name);
                Assert.Equal(80, p.Backend.Service.Port.Number);
            });
        }

        Assert.Single(after.Spec.Rules[2].Http.Paths);
        Assert.Equal(4, presented.Count);
        Assert.Equal(4, InPlaceRoutePlanner.ReadTracked(after).Count);
    }

    [Fact]
    public void Presenting_twice_adds_nothing_more()
    {
        var (once, _) = Add(Ingresses.Create(), ["www.example.com"], ["tok"]);

        var patch = Guarded(once);
        var presented = InPlaceRoutePlanner.PlanAdd(once, ["www.example.com"], ["tok"], Responder, 80, ChallengePathType.ImplementationSpecific, patch);

        Assert.False(patch.HasChanges);
        Assert.Single(presented);
    }

    [Fact]
    public void A_host_without_rule_uses_the_catch_all_rule_else_gets_a_rule_of_its_own()
    {
        var catchAll = Ingresses.Create(hosts: [null]);
        var none = Ingresses.Create(hosts: ["www.example.com"]);

        var (withCatchAll, p1) = Add(catchAll, ["a.example.com", "b.example.com"], ["tok"]);
        var (withNewRule, p2) = Add(none, ["new.example.com"], ["tok"]);

        Assert.Single(withCatchAll.Spec.Rules);
        Assert.Equal(2, withCatchAll.Spec.Rules[0].Http.Paths.Count);
        Assert.Equal(string.Empty, Assert.Single(p1).RuleHost);
        Assert.Equal(2, withNewRule.Spec.Rules.Count);
        Assert.Equal("new.example.com", withNewRule.Spec.Rules[1].Host);
        Assert.True(Assert.Single(p2).AddedRule);
    }

    [Fact]
    public void Removal_takes_exactly_what_was_added_and_keeps_changes_made_meanwhile()
    {
        var original = Ingresses.Create(
            annotations: new Dictionary<string, string> { ["team"] = "blue" },
            hosts: ["www.example.com", "api.example.com"]);
        var (presentedIngress, presented) = Add(original, ["www.example.com", "api.example.com", "new.example.com"], ["tok"]);

        // Someone else adds a path and an annotation while the challenge is presented.
        presentedIngress.Spec.Rules[0].Http.Paths.Add(Ingresses.Path("/admin", "admin"));
        presentedIngress.Metadata.Annotations["owner"] = "ops";

        var patch = Guarded(presentedIngress);
        var removed = InPlaceRoutePlanner.PlanRemove(presentedIngress, presented, patch);
        var after = JsonPatchApplier.Apply(presentedIngress, patch);

        Assert.Equal(3, removed.Count);
        Assert.Equal(2, after.Spec.Rules.Count);
        Assert.Equal(["/", "/admin"], after.Spec.Rules[0].Http.Paths.Select(p => p.Path));
        Assert.Equal(["/"], after.Spec.Rules[1].Http.Paths.Select(p => p.Path));
        Assert.False(after.Metadata.Annotations.ContainsKey(CertFunctionsAnnotations.PresentedPaths));
        Assert.Equal("ops", after.Metadata.Annotations["owner"]);
        Assert.Equal("blue", after.Metadata.Annotations["team"]);
    }

    [Fact]
    public void Removal_from_tracking_alone_cleans_up_after_a_crash()
    {
        var (presentedIngress, _) = Add(Ingresses.Create(annotations: null), ["www.example.com"], ["t1", "t2"]);

        var patch = Guarded(presentedIngress);
        var removed = InPlaceRoutePlanner.PlanRemove(presentedIngress, InPlaceRoutePlanner.ReadTracked(presentedIngress), patch);
        var after = JsonPatchApplier.Apply(presentedIngress, patch);

        Assert.Equal(2, removed.Count);
        Assert.Equal(Serialize(Ingresses.Create().Spec), Serialize(after.Spec));
        Assert.Empty(after.Metadata.Annotations);
    }

    [Fact]
    public void An_ingress_with_only_a_default_backend_gets_rules_and_loses_them_again()
    {
        var ingress = Ingresses.Create(hosts: [], tls: [new V1IngressTLS { Hosts = ["www.example.com"], SecretName = "web-tls" }]);
        ingress.Spec.Rules = null;
        ingress.Spec.DefaultBackend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "web", Port = new V1ServiceBackendPort { Number = 80 } } };

        var (presentedIngress, presented) = Add(ingress, ["www.example.com"], ["tok"]);
        var patch = Guarded(presentedIngress);
        InPlaceRoutePlanner.PlanRemove(presentedIngress, presented, patch);
        var after = JsonPatchApplier.Apply(presentedIngress, patch);

        Assert.Equal("www.example.com", Assert.Single(presentedIngress.Spec.Rules).Host);
        Assert.Equal(Serialize(ingress.Spec), Serialize(after.Spec));
    }

    [Fact]
    public void A_same_path_that_points_elsewhere_is_not_ours_and_stays()
    {
        var (presentedIngress, presented) = Add(Ingresses.Create(), ["www.example.com"], ["tok"]);
        presentedIngress.Spec.Rules[0].Http.Paths[0].Backend.Service.Name = "someone-else";

        var patch = Guarded(presentedIngress);
        var removed = InPlaceRoutePlanner.PlanRemove(presentedIngress, presented, patch);
        var after = JsonPatchApplier.Apply(presentedIngress, patch);

        Assert.Empty(removed);
        Assert.Equal(2, after.Spec.Rules[0].Http.Paths.Count);
    }

    [Fact]
    public void Tokens_that_are_not_base64url_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Add(Ingresses.Create(), ["www.example.com"], ["../etc"]));
    }

    private static (V1Ingress After, IReadOnlyList<PresentedPath> Presented) Add(
        V1Ingress ingress,
        IReadOnlyList<string> hosts,
        IReadOnlyList<string> tokens,
        ChallengePathType pathType = ChallengePathType.ImplementationSpecific)
    {
        var patch = Guarded(ingress);
        var presented = InPlaceRoutePlanner.PlanAdd(ingress, hosts, tokens, Responder, 80, pathType, patch);
        var after = JsonPatchApplier.Apply(ingress, patch);
        after.Metadata.ResourceVersion = (int.Parse(ingress.Metadata.ResourceVersion) + 1).ToString();
        return (after, presented);
    }

    private static JsonPatch Guarded(V1Ingress ingress) => new JsonPatch().Test("/metadata/resourceVersion", ingress.Metadata.ResourceVersion);

    private static string Serialize(object value) => KubernetesJson.Serialize(value);
}
