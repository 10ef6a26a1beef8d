using CertFunctions.Testing.Kubernetes;
using KubeApiEmulator.Tests.Support;

namespace KubeApiEmulator.Tests.Kubectl;

/// <summary>An emulator that rejects paths as ingress-nginx's admission webhook does with strict path validation.</summary>
public sealed class StrictPathsEmulator() : KubeApiEmulatorFixture(new KubeApiEmulatorOptions { IngressNginxStrictPaths = true });

/// <summary>Exact/Prefix challenge paths are denied under ingress-nginx strict path validation; ImplementationSpecific is not.</summary>
public sealed class NginxStrictPathTests(StrictPathsEmulator emulator) : IClassFixture<StrictPathsEmulator>
{
    [Fact]
    public async Task An_exact_challenge_path_is_denied_by_the_webhook()
    {
        var ns = await emulator.CreateNamespaceAsync("strict");

        var result = await emulator.RunKubectlWithInputAsync(
            Manifests.Ingress(ns, "solver", "strict.example.test", "/.well-known/acme-challenge/token", "Exact"), "apply", "-f", "-");

        Assert.False(result.Succeeded);
        Assert.Contains(
            "admission webhook \"validate.nginx.ingress.kubernetes.io\" denied the request: ingress contains invalid paths: path /.well-known/acme-challenge/token cannot be used with pathType Exact",
            result.StandardError,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_implementation_specific_challenge_path_is_accepted()
    {
        var ns = await emulator.CreateNamespaceAsync("strictok");

        var result = await emulator.RunKubectlWithInputAsync(
            Manifests.Ingress(ns, "solver", "strict.example.test", "/.well-known/acme-challenge/token", "ImplementationSpecific"), "apply", "-f", "-");

        Assert.True(result.Succeeded, result.ToString());
    }
}
