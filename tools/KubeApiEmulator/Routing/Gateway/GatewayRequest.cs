namespace KubeApiEmulator.Routing.Gateway;

/// <summary>The parts of an HTTP request Gateway API routing reads.</summary>
internal sealed record GatewayRequest(
    string Scheme,
    string Host,
    string Method,
    string Path,
    string Query,
    Func<string, string?> Header,
    Func<string, string?> QueryParameter)
{
    /// <summary>The routing view of an ASP.NET Core request (host lower-cased, without its port).</summary>
    public static GatewayRequest From(HttpRequest request) => new(
        request.Scheme,
        request.Host.Host.ToLowerInvariant().TrimEnd('.'),
        request.Method,
        request.Path.Value is { Length: > 0 } path ? path : "/",
        request.QueryString.Value ?? string.Empty,
        name => request.Headers.TryGetValue(name, out var values) ? values.ToString() : null,
        name => request.Query.TryGetValue(name, out var values) ? values[0] : null);
}
