using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Kubernetes.Routing.HttpRoutes;

/// <summary>Validates <see cref="GatewayRoutingOptions"/> at start-up, naming the setting in every message.</summary>
public sealed class GatewayRoutingOptionsValidator : IValidateOptions<GatewayRoutingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, GatewayRoutingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ResponderUrl is { } url)
        {
            failures.AddRange(RedirectTargetRules.Check(url, options.AllowAnyRedirectTarget)
                .Select(p => $"Challenge:ResponderUrl: {p}" + (options.AllowAnyRedirectTarget ? string.Empty : " (Challenge:AllowAnyRedirectTarget=true allows it in a local world)") + "."));
        }

        if (options.RouteAcceptTimeout <= TimeSpan.Zero || options.RouteAcceptTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Challenge:RouteAcceptTimeout must be above zero and at most 00:10:00 (was {options.RouteAcceptTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
