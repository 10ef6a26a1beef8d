namespace CertFunctions.Acme.Telemetry;

/// <summary>One HTTP exchange with the CA, as an <see cref="IAcmeRequestObserver"/> sees it: no URL, no body, no nonce.</summary>
/// <param name="Endpoint">The kind of resource.</param>
/// <param name="Method">The HTTP method (GET, HEAD, POST).</param>
/// <param name="StatusCode">The HTTP status, or null when no answer came (a network error, a timeout).</param>
/// <param name="Duration">From sending the request to reading the answer's headers.</param>
public sealed record AcmeRequestRecord(AcmeEndpoint Endpoint, string Method, int? StatusCode, TimeSpan Duration);
