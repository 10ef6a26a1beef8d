namespace KubeApiEmulator.Routing.Gateway.Tls;

/// <summary>A Secret an HTTPS listener names, as read from the store: its identity, type and base64 tls.crt/tls.key.</summary>
internal sealed record CertificateSecret(string Key, string Uid, long ResourceVersion, string? Type, string? Certificate, string? PrivateKey);
