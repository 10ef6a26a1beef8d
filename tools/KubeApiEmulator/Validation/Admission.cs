using System.Text.Json.Nodes;
using KubeApiEmulator.Admission;
using KubeApiEmulator.Discovery;
using KubeApiEmulator.Options;

namespace KubeApiEmulator.Validation;

/// <summary>Admission checks that run after validation: the optional ingress-nginx path webhook, then the validating webhooks.</summary>
internal sealed class Admission(EmulatorOptions options, ValidatingWebhookDispatcher webhooks)
{
    /// <summary>Runs the enabled admission checks on an object about to be stored.</summary>
    /// <exception cref="Api.StatusException">An admission check denies the object.</exception>
    public void Check(ResourceType type, JsonObject obj)
    {
        if (options.IngressNginxStrictPaths && type == ResourceCatalog.Ingresses)
        {
            NginxPathAdmission.Check(obj);
        }
    }

    /// <summary>Calls the validating admission webhooks that match the write; returns their warnings.</summary>
    /// <exception cref="Api.StatusException">A webhook denied the write, or a Fail webhook could not be called.</exception>
    public IReadOnlyList<string> Review(AdmissionAttributes attributes) => webhooks.Review(attributes);
}
