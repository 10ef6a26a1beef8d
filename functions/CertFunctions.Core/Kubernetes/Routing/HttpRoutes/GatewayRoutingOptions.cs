namespace CertFunctions.Core.Kubernetes.Routing.HttpRoutes;

/// <summary>How challenges for Gateways are routed, bound from the <c>Challenge</c> section beside <see cref="ChallengeRoutingOptions"/>.</summary>
public sealed class GatewayRoutingOptions
{
    /// <summary>The configuration section name (shared with <see cref="ChallengeRoutingOptions"/>).</summary>
    public const string SectionName = ChallengeRoutingOptions.SectionName;

    /// <summary><c>Challenge:GatewayRouting</c>: the default strategy (a Gateway may override it with <c>certfunctions.io/routing</c>).</summary>
    public GatewayRouting GatewayRouting { get; set; } = GatewayRouting.Redirect;

    /// <summary>
    /// <c>Challenge:ResponderUrl</c>: the responder's public base URL the Redirect strategy sends the CA to, such as
    /// https://myapp.azurewebsites.net. When empty, https://$WEBSITE_HOSTNAME (set by App Service on every Function App).
    /// </summary>
    public Uri? ResponderUrl { get; set; }

    /// <summary>
    /// <c>Challenge:AllowAnyRedirectTarget</c>: allow a redirect to an IP address or a port other than 80 (http) and 443
    /// (https). Let's Encrypt refuses such redirects, so this is for the local world only.
    /// </summary>
    public bool AllowAnyRedirectTarget { get; set; }

    /// <summary><c>Challenge:RouteAcceptTimeout</c>: how long to wait for the Gateway's controller to accept the solver HTTPRoute.</summary>
    public TimeSpan RouteAcceptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The redirect target: <see cref="ResponderUrl"/>, else https://<paramref name="websiteHostName"/>, else null.</summary>
    public Uri? ResolveResponderUrl(string? websiteHostName) =>
        ResponderUrl ?? (string.IsNullOrWhiteSpace(websiteHostName) ? null : new Uri("https://" + websiteHostName.Trim()));
}
