namespace CertFunctions.Core.Acme;

/// <summary>The ACME account as kept in blob storage (the key is PEM; the blob is private to the app).</summary>
/// <param name="DirectoryUrl">The CA the account belongs to.</param>
/// <param name="AccountUrl">The account URL (kid).</param>
/// <param name="KeyPem">The account private key (PKCS#8 PEM).</param>
public sealed record StoredAccount(Uri DirectoryUrl, Uri AccountUrl, string KeyPem)
{
    /// <summary>Hides the key.</summary>
    public override string ToString() => $"StoredAccount({AccountUrl})";
}
