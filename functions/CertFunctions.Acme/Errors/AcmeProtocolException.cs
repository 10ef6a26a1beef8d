namespace CertFunctions.Acme.Errors;

/// <summary>The CA's answer broke the protocol (no JSON, missing header, unexpected status).</summary>
public sealed class AcmeProtocolException(string message, Exception? innerException = null) : AcmeException(message, innerException);
