using System.Text.RegularExpressions;
using CertFunctions.Core.Kubernetes.Annotations;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Kubernetes.Routing;

/// <summary>Validates the <c>Challenge</c> routing settings at start-up, naming the setting in each message.</summary>
public sealed partial class ChallengeRoutingOptionsValidator : IValidateOptions<ChallengeRoutingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ChallengeRoutingOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ResponderServiceName) || !ServiceNamePattern().IsMatch(options.ResponderServiceName))
        {
            errors.Add($"Challenge:ResponderServiceName '{options.ResponderServiceName}' is not a valid Service name (lowercase letter first, then lowercase letters, digits, '-', at most 63).");
        }

        if (options.ResponderServicePort is < 1 or > 65535)
        {
            errors.Add($"Challenge:ResponderServicePort {options.ResponderServicePort} is not a port number (1-65535).");
        }

        if (!string.IsNullOrWhiteSpace(options.ResponderExternalName)
            && (options.ResponderExternalName.Contains("://", StringComparison.Ordinal) || !KubernetesNames.IsDnsSubdomain(options.ResponderExternalName.Trim().ToLowerInvariant())))
        {
            errors.Add($"Challenge:ResponderExternalName '{options.ResponderExternalName}' must be a host name such as myapp.azurewebsites.net (no scheme, no path).");
        }

        if (!string.IsNullOrWhiteSpace(options.SolverIngressClassName) && !KubernetesNames.IsDnsSubdomain(options.SolverIngressClassName))
        {
            errors.Add($"Challenge:SolverIngressClassName '{options.SolverIngressClassName}' is not a valid IngressClass name.");
        }

        if (!string.IsNullOrWhiteSpace(options.ResponderTrustedRootsPath) && !File.Exists(options.ResponderTrustedRootsPath))
        {
            errors.Add($"Challenge:ResponderTrustedRootsPath '{options.ResponderTrustedRootsPath}' does not exist (a PEM file of root certificates).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex ServiceNamePattern();
}
