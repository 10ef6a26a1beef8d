using System.Diagnostics;
using System.Text.RegularExpressions;
using CertFunctions.Testing.Processes;
using k8s;
using k8s.Models;

namespace CertFunctions.Tests.Infra;

/// <summary>
/// The RBAC manifests in infra/k8s: the managed-identity path creates no ServiceAccount token, its binding can only
/// be applied filled with an object id (never bound to a user literally named after the placeholder), and the
/// namespaced variant is rbac.yaml split. PermissionsEndToEndTests checks rbac.yaml itself against the app's requests.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    private const string Placeholder = "${CERTFUNCTIONS_PRINCIPAL_ID}";
    private const string ObjectId = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    private static readonly string K8sDirectory = Path.Combine(ProgramLocator.RepositoryRoot, "infra", "k8s");

    [Fact]
    public void The_managed_identity_path_applies_no_service_account_and_no_token()
    {
        var objects = Load("rbac.yaml").Concat(Load("rbac-managed-identity.yaml.template")).ToList();

        Assert.DoesNotContain(objects, o => o is V1ServiceAccount or V1Secret or V1Namespace);
        Assert.Contains(objects, o => o is V1ClusterRole { Metadata.Name: "certfunctions" });
    }

    [Theory]
    [InlineData(Placeholder)]
    [InlineData("")]
    public void The_binding_template_applied_unfilled_or_from_an_empty_variable_has_an_invalid_name(string value)
    {
        var yaml = File.ReadAllText(Path.Combine(K8sDirectory, "rbac-managed-identity.yaml.template")).Replace(Placeholder, value, StringComparison.Ordinal);

        var binding = Assert.Single(KubernetesYaml.LoadAllFromString(yaml).OfType<V1ClusterRoleBinding>());

        // The API server validates metadata.name as an RFC 1123 subdomain and rejects the object.
        Assert.DoesNotMatch(Rfc1123Subdomain(), binding.Metadata.Name);
    }

    [Fact]
    public async Task The_binding_script_fills_an_object_id_into_a_valid_binding_of_the_cluster_role()
    {
        var (exitCode, output, _) = await RunScriptAsync(ObjectId.ToUpperInvariant());

        Assert.Equal(0, exitCode);
        var binding = Assert.Single(KubernetesYaml.LoadAllFromString(output).OfType<V1ClusterRoleBinding>());
        Assert.Matches(Rfc1123Subdomain(), binding.Metadata.Name);
        Assert.Equal("certfunctions", binding.RoleRef.Name);
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal(("User", ObjectId), (subject.Kind, subject.Name));
        Assert.DoesNotContain("${", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(Placeholder)]
    [InlineData("certfunctions-identity")]
    [InlineData("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d; kind: ServiceAccount")]
    public async Task The_binding_script_refuses_anything_but_an_object_id(string value)
    {
        var (exitCode, output, error) = await RunScriptAsync(value);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains("is not an object id", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_namespaced_variant_grants_the_same_rules_split_into_cluster_wide_reads_and_namespace_writes()
    {
        var roles = Load("rbac-namespaced.yaml").OfType<V1ClusterRole>().ToDictionary(r => r.Metadata.Name);
        var discovery = Grants(roles["certfunctions-discovery"]);
        var perNamespace = Grants(roles["certfunctions-namespace"]);
        var clusterWide = Grants(Load("rbac.yaml").OfType<V1ClusterRole>().Single());

        // Bound cluster-wide, it may only find Ingresses and Gateways, and the solver HTTPRoutes a run left; everything else is bound per namespace.
        Assert.Equal(
            ["get gateway.networking.k8s.io/gateways", "get networking.k8s.io/ingresses", "list gateway.networking.k8s.io/gateways", "list gateway.networking.k8s.io/httproutes", "list networking.k8s.io/ingresses"],
            discovery.Order(StringComparer.Ordinal));
        Assert.Equal(clusterWide.Order(), perNamespace.Order());
    }

    private static HashSet<string> Grants(V1ClusterRole role) =>
        [.. from rule in role.Rules
            from @group in rule.ApiGroups
            from resource in rule.Resources
            from verb in rule.Verbs
            select $"{verb} {@group}/{resource}"];

    private static List<object> Load(string file) => KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(K8sDirectory, file)));

    private static async Task<(int ExitCode, string Output, string Error)> RunScriptAsync(string argument)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(K8sDirectory, "managed-identity-binding.sh"));
        start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Rfc1123Subdomain();
}
