namespace CertFunctions.Acme.Telemetry;

/// <summary>
/// The <see cref="HttpRequestMessage.Options"/> key every ACME request carries: its <see cref="AcmeEndpoint"/>, so a
/// handler or an HTTP tracing hook can name the request without reading its URL.
/// </summary>
public static class AcmeRequestOptions
{
    /// <summary>The endpoint kind of the request.</summary>
    public static readonly HttpRequestOptionsKey<AcmeEndpoint> Endpoint = new("CertFunctions.Acme.Endpoint");
}
