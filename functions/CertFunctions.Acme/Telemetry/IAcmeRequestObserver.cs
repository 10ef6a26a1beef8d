namespace CertFunctions.Acme.Telemetry;

/// <summary>
/// Told of every HTTP request an <see cref="AcmeClient"/> sends (retries and nonce fetches included), so a host can
/// count them (metrics) without this library choosing a telemetry stack. Called on the request's thread: keep it cheap.
/// </summary>
public interface IAcmeRequestObserver
{
    /// <summary>Records one finished request.</summary>
    void OnRequest(AcmeRequestRecord request);
}
