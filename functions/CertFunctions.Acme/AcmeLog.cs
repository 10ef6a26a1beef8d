using Microsoft.Extensions.Logging;

namespace CertFunctions.Acme;

/// <summary>Log messages of the ACME client. Never logs keys, payloads or the EAB MAC key.</summary>
internal static partial class AcmeLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "ACME {Method} {Url} -> {Status}")]
    public static partial void Request(ILogger logger, string method, Uri url, int status);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "ACME badNonce on {Url}; retry {Attempt} of {MaxAttempts} with a fresh nonce")]
    public static partial void BadNonceRetry(ILogger logger, Uri url, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "ACME problem {ProblemType} from {Url} (HTTP {Status}): {Detail}")]
    public static partial void Problem(ILogger logger, string problemType, Uri url, int status, string? detail);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "ACME account at {CaAuthority} ready (status {Status})")]
    public static partial void AccountReady(ILogger logger, string caAuthority, CertFunctions.Acme.Protocol.AcmeStatus status);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "ACME order {OrderUrl} created for {FirstName} and {OtherCount} more (status {Status})")]
    public static partial void OrderCreated(ILogger logger, Uri? orderUrl, string firstName, int otherCount, CertFunctions.Acme.Protocol.AcmeStatus status);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "ACME {Resource} is {Status}; polling again in {DelayMs} ms")]
    public static partial void Polling(ILogger logger, Uri resource, CertFunctions.Acme.Protocol.AcmeStatus status, double delayMs);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "ACME challenge {ChallengeUrl} answered (status {Status})")]
    public static partial void ChallengeAnswered(ILogger logger, Uri challengeUrl, CertFunctions.Acme.Protocol.AcmeStatus status);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "ACME certificate downloaded from {CertificateUrl}; chain issued by {Issuer}")]
    public static partial void CertificateDownloaded(ILogger logger, Uri certificateUrl, string issuer);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "ACME CA rejected replaces={Replaces} ({ProblemType}); ordering again without it")]
    public static partial void ReplacesRejected(ILogger logger, string replaces, string problemType);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "ACME account key changed at {CaAuthority}")]
    public static partial void KeyChanged(ILogger logger, string caAuthority);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "ACME certificate revoked (reason {Reason})")]
    public static partial void Revoked(ILogger logger, CertFunctions.Acme.Certificates.RevocationReason? reason);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "ACME http-01 cleanup failed for {Identifier}")]
    public static partial void CleanupFailed(ILogger logger, Exception exception, string identifier);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "ACME challenge {ChallengeUrl} was already answered (authorization {Status}); not answering again")]
    public static partial void ChallengeAlreadyAnswered(ILogger logger, Uri challengeUrl, CertFunctions.Acme.Protocol.AcmeStatus status);
}
