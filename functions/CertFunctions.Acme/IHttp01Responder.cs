namespace CertFunctions.Acme;

/// <summary>Publishes and withdraws http-01 key authorizations for <see cref="AcmeClient.IssueAsync(IEnumerable{string}, IHttp01Responder, IssueOptions?, CancellationToken)"/>.</summary>
public interface IHttp01Responder
{
    /// <summary>Makes the key authorization reachable; return only once it is served.</summary>
    Task PresentAsync(Http01Challenge challenge, CancellationToken cancellationToken);

    /// <summary>Removes it again (called on success and failure).</summary>
    Task CleanupAsync(Http01Challenge challenge, CancellationToken cancellationToken);
}
