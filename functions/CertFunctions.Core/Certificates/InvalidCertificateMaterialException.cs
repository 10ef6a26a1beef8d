namespace CertFunctions.Core.Certificates;

/// <summary>A certificate chain or private key that cannot be used (not PEM, no certificate, key and leaf do not match).</summary>
public sealed class InvalidCertificateMaterialException(string message, Exception? innerException = null) : Exception(message, innerException);
