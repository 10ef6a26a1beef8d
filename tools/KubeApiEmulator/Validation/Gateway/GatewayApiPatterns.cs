namespace KubeApiEmulator.Validation.Gateway;

/// <summary>The regular expressions of the Gateway API v1.2 standard-channel CRD schemas (quoted in their error messages).</summary>
internal static class GatewayApiPatterns
{
    /// <summary>A DNS subdomain (listener and section names, redirect hostnames).</summary>
    public const string Subdomain = @"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    /// <summary>A hostname with an optional leading "*." label.</summary>
    public const string Hostname = @"^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    /// <summary>An API group, or empty for the core group.</summary>
    public const string Group = @"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    /// <summary>A kind.</summary>
    public const string Kind = "^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$";

    /// <summary>A namespace (RFC 1123 label).</summary>
    public const string Namespace = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    /// <summary>A listener protocol: a plain name or a domain-prefixed one.</summary>
    public const string Protocol = @"^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9]+$";

    /// <summary>A GatewayClass controllerName: a domain-prefixed path.</summary>
    public const string ControllerName = @"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9\/\-._~%!$&'()*+,;=:]+$";

    /// <summary>An HTTP header or query parameter name.</summary>
    public const string HeaderName = @"^[A-Za-z0-9!#$%&'*+\-.^_\x60|~]+$";

    /// <summary>A Gateway address type.</summary>
    public const string AddressType = @"^Hostname|IPAddress|NamedAddress|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9\/\-._~%!$&'()*+,;=:]+$";

    /// <summary>A duration such as 10s or 1h30m.</summary>
    public const string Duration = "^([0-9]{1,5}(h|m|s|ms)){1,4}$";

    /// <summary>The characters an Exact or PathPrefix path value may hold.</summary>
    public const string PathCharacters = "^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$";
}
