using CertFunctions.Acme.Certificates;
using CertFunctions.Acme.Errors;
using CertFunctions.Acme.Protocol;

namespace CertFunctions.Acme;

/// <summary>The one-call issuance built on the low-level steps.</summary>
public sealed partial class AcmeClient
{
    /// <summary>
    /// Issues a certificate for <paramref name="dnsNames"/> with http-01: account (created when unknown), order, every pending
    /// authorization answered at once, polling, a fresh key and CSR, finalize, download. Cleanup runs on every path.
    /// </summary>
    public async Task<IssuedCertificate> IssueAsync(
        IEnumerable<string> dnsNames,
        IHttp01Responder responder,
        IssueOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dnsNames);
        ArgumentNullException.ThrowIfNull(responder);
        options ??= new IssueOptions();
        var names = dnsNames.ToList();

        await EnsureAccountAsync(options.Account, cancellationToken).ConfigureAwait(false);
        var order = await CreateOrderAsync(names, options.Order, cancellationToken).ConfigureAwait(false);
        var orderUrl = order.Url!;
        if (order.Status == AcmeStatus.Pending)
        {
            order = await AuthorizeAsync(order, responder, cancellationToken).ConfigureAwait(false);
        }

        if (order.Status == AcmeStatus.Invalid)
        {
            throw await GetOrderFailureAsync(order, cancellationToken).ConfigureAwait(false);
        }

        if (order.Status != AcmeStatus.Ready)
        {
            throw new AcmeOrderFailedException(order, new AcmeProblem { Detail = $"A new order is {order.Status}; expected ready after authorization." })
            {
                RequestUri = orderUrl,
            };
        }

        var key = CertificateKey.Generate(options.KeyAlgorithm);
        try
        {
            order = await FinalizeAsync(order, key.CreateCsr(order.Identifiers.Select(i => i.Value)), cancellationToken).ConfigureAwait(false);
            if (order.Status is AcmeStatus.Processing or AcmeStatus.Pending or AcmeStatus.Ready)
            {
                order = await WaitForOrderAsync(orderUrl, cancellationToken).ConfigureAwait(false);
            }

            if (order.Status != AcmeStatus.Valid || order.Certificate is null)
            {
                throw await GetOrderFailureAsync(order, cancellationToken).ConfigureAwait(false);
            }

            var chain = await DownloadCertificateAsync(order.Certificate, options.PreferredIssuer, cancellationToken).ConfigureAwait(false);
            return new IssuedCertificate(order, key, chain);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Issues with two callbacks instead of an <see cref="IHttp01Responder"/>.</summary>
    public Task<IssuedCertificate> IssueAsync(
        IEnumerable<string> dnsNames,
        Func<Http01Challenge, CancellationToken, Task> present,
        Func<Http01Challenge, CancellationToken, Task> cleanup,
        IssueOptions? options = null,
        CancellationToken cancellationToken = default)
        => IssueAsync(dnsNames, new DelegateHttp01Responder(present, cleanup), options, cancellationToken);

    private async Task<AcmeOrder> AuthorizeAsync(AcmeOrder order, IHttp01Responder responder, CancellationToken cancellationToken)
    {
        var authorizations = await Task.WhenAll(order.Authorizations.Select(url => GetAuthorizationAsync(url, cancellationToken))).ConfigureAwait(false);
        if (authorizations.FirstOrDefault(a => a.Status is not (AcmeStatus.Pending or AcmeStatus.Valid)) is { } failed)
        {
            throw AuthorizationFailure(failed);
        }

        var challenges = authorizations
            .Where(a => a.Status == AcmeStatus.Pending)
            .Select(a => GetHttp01Challenge(a) ?? throw new AcmeException($"The CA offers no http-01 challenge for {a.Identifier.Value}.") { RequestUri = a.Url })
            .ToList();
        if (challenges.Count == 0)
        {
            return await GetOrderAsync(order.Url!, cancellationToken).ConfigureAwait(false);
        }

        var presented = new List<Http01Challenge>();
        try
        {
            await Task.WhenAll(challenges.Select(async c =>
            {
                await responder.PresentAsync(c, cancellationToken).ConfigureAwait(false);
                lock (presented)
                {
                    presented.Add(c);
                }
            })).ConfigureAwait(false);
            await Task.WhenAll(challenges.Select(c => AnswerChallengeAsync(c.ChallengeUrl, cancellationToken))).ConfigureAwait(false);
            return await WaitForOrderAsync(order.Url!, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var challenge in presented)
            {
                try
                {
                    await responder.CleanupAsync(challenge, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    AcmeLog.CleanupFailed(_logger, ex, challenge.Domain);
                }
            }
        }
    }
}
