using KubeApiEmulator.Discovery;

namespace KubeApiEmulator.Admission;

/// <summary>The admissionregistration.k8s.io/v1 resources the emulator serves.</summary>
internal static class AdmissionResources
{
    /// <summary>The admission registration API group.</summary>
    public const string Group = "admissionregistration.k8s.io";

    /// <summary>admissionregistration.k8s.io/v1 ValidatingWebhookConfigurations (cluster-scoped).</summary>
    public static readonly ResourceType ValidatingWebhookConfigurations = new(
        Group, "v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", "validatingwebhookconfiguration", false, [], [], "validatingwebhookconfigurations");

    /// <summary>Every admission resource, in discovery order.</summary>
    public static IReadOnlyList<ResourceType> All { get; } = [ValidatingWebhookConfigurations];
}
