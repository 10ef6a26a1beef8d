namespace CertFunctions.Core.Notifications;

/// <summary>A rendered request body and its media type.</summary>
/// <param name="Content">The UTF-8 body.</param>
/// <param name="ContentType">The Content-Type header value.</param>
public sealed record NotificationBody(ReadOnlyMemory<byte> Content, string ContentType);
