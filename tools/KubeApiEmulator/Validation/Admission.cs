using System.Text.Json.Nodes;
using KubeApiEmulator.Discovery;
using KubeApiEmulator.Options;

namespace KubeApiEmulator.Validation;

/// <summary>Admission checks that run after validation: the optional ingress-nginx path webhook.</summary>
internal sealed class Admission(EmulatorOptions options)
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
}
