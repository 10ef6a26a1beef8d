namespace CertFunctions.Acme;

/// <summary>An <see cref="IHttp01Responder"/> made of two callbacks.</summary>
public sealed class DelegateHttp01Responder(
    Func<Http01Challenge, CancellationToken, Task> present,
    Func<Http01Challenge, CancellationToken, Task> cleanup) : IHttp01Responder
{
    /// <inheritdoc />
    public Task PresentAsync(Http01Challenge challenge, CancellationToken cancellationToken) => present(challenge, cancellationToken);

    /// <inheritdoc />
    public Task CleanupAsync(Http01Challenge challenge, CancellationToken cancellationToken) => cleanup(challenge, cancellationToken);
}
