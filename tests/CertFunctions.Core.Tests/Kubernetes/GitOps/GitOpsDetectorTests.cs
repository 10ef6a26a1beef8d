using System.Text.Json;
using CertFunctions.Core.Kubernetes.GitOps;
using k8s.Models;

namespace CertFunctions.Core.Tests.Kubernetes.GitOps;

public sealed class GitOpsDetectorTests
{
    private static readonly string[] Rules = ["spec", "rules"];

    [Fact]
    public void Argo_CD_is_recognised_by_its_tracking_annotation_or_instance_label()
    {
        var byAnnotation = GitOpsDetector.Detect(Meta(annotations: new() { ["argocd.argoproj.io/tracking-id"] = "shop:networking.k8s.io/Ingress:shop/web" }), Rules);
        var byLabel = GitOpsDetector.Detect(Meta(labels: new() { ["app.kubernetes.io/instance"] = "shop" }), Rules);

        Assert.Equal(new GitOpsManagement(GitOpsController.ArgoCd, "annotation argocd.argoproj.io/tracking-id"), byAnnotation);
        Assert.Equal(new GitOpsManagement(GitOpsController.ArgoCd, "label app.kubernetes.io/instance"), byLabel);
    }

    [Theory]
    [InlineData("kustomize.toolkit.fluxcd.io/name")]
    [InlineData("kustomize.toolkit.fluxcd.io/namespace")]
    [InlineData("helm.toolkit.fluxcd.io/name")]
    public void Flux_is_recognised_by_its_kustomize_and_helm_controller_labels(string label)
    {
        var found = GitOpsDetector.Detect(Meta(labels: new() { [label] = "apps" }), Rules);

        Assert.Equal(new GitOpsManagement(GitOpsController.Flux, "label " + label), found);
        Assert.StartsWith("Flux (label ", found!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_side_apply_manager_other_than_ours_and_kubectls_owning_the_routing_field_is_recognised()
    {
        var meta = Meta(managed: [Entry("argocd-controller", "Apply", """{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:rules":{}}}""")]);

        var found = GitOpsDetector.Detect(meta, Rules);

        Assert.Equal(new GitOpsManagement(GitOpsController.FieldManager, "field manager \"argocd-controller\" owns spec.rules"), found);
    }

    [Fact]
    public void The_same_manager_owning_another_kind_routing_field_is_recognised_by_that_field()
    {
        var gateway = Meta(managed: [Entry("kustomize-controller", "Apply", """{"f:spec":{"f:listeners":{"k:{\"name\":\"http\"}":{".":{}}}}}""")]);

        Assert.NotNull(GitOpsDetector.Detect(gateway, ["spec", "listeners"]));
        Assert.Null(GitOpsDetector.Detect(gateway, Rules));
    }

    [Theory]
    [InlineData("certfunctions", "Apply")]
    [InlineData("kubectl", "Apply")]
    [InlineData("kubectl-client-side-apply", "Update")]
    [InlineData("kubectl-edit", "Update")]
    [InlineData("my-script", "Update")]
    public void Our_manager_kubectl_and_one_off_updates_are_not_a_GitOps_controller(string manager, string operation)
    {
        var meta = Meta(managed: [Entry(manager, operation, """{"f:spec":{"f:rules":{}}}""")]);

        Assert.Null(GitOpsDetector.Detect(meta, Rules));
    }

    [Fact]
    public void The_gitops_annotation_overrides_recognition_both_ways()
    {
        var fluxButOff = Meta(labels: new() { ["kustomize.toolkit.fluxcd.io/name"] = "apps" }, annotations: new() { ["certfunctions.io/gitops"] = "false" });
        var plainButOn = Meta(annotations: new() { ["certfunctions.io/gitops"] = "true" });

        Assert.Null(GitOpsDetector.Detect(fluxButOff, Rules));
        Assert.Equal(GitOpsController.Declared, GitOpsDetector.Detect(plainButOn, Rules)!.Controller);
    }

    [Fact]
    public void An_object_without_any_sign_is_not_managed()
    {
        Assert.Null(GitOpsDetector.Detect(Meta(labels: new() { ["app"] = "web" }), Rules));
        Assert.Null(GitOpsDetector.Detect(null, Rules));
    }

    private static V1ObjectMeta Meta(Dictionary<string, string>? labels = null, Dictionary<string, string>? annotations = null, List<V1ManagedFieldsEntry>? managed = null) =>
        new() { Name = "web", Labels = labels, Annotations = annotations, ManagedFields = managed };

    private static V1ManagedFieldsEntry Entry(string manager, string operation, string fieldsV1) => new()
    {
        Manager = manager,
        Operation = operation,
        ApiVersion = "networking.k8s.io/v1",
        FieldsType = "FieldsV1",
        FieldsV1 = JsonDocument.Parse(fieldsV1).RootElement.Clone(),
    };
}
