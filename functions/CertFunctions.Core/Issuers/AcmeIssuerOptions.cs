using CertFunctions.Acme.Jws;

namespace CertFunctions.Core.Issuers;

/// <summary>One named ACME issuer (section <c>Acme:Issuers:&lt;name&gt;</c>): a CA, the account CertFunctions keeps there, and who may use it.</summary>
public sealed class AcmeIssuerOptions
{
    /// <summary>The CA's directory URL (required).</summary>
    public Uri? DirectoryUrl { get; set; }

    /// <summary>Contact e-mail for the account (expiry notices from CAs that send them); optional.</summary>
    public string? Email { get; set; }

    /// <summary>Algorithm of the account key, used when the account is created.</summary>
    public AccountKeyAlgorithm AccountKeyType { get; set; } = AccountKeyAlgorithm.ES256;

    /// <summary>Default ACME profile at this CA; an object may override it by annotation.</summary>
    public string? Profile { get; set; }

    /// <summary>Preferred chain at this CA: the common name of the root (or top issuer) to prefer among alternate chains.</summary>
    public string? PreferredChain { get; set; }

    /// <summary>External account binding key id, for CAs that require one (ZeroSSL, Google Trust Services, many private CAs).</summary>
    public string? EabKeyId { get; set; }

    /// <summary>External account binding HMAC key (base64url); a Key Vault reference in Azure. Never logged.</summary>
    public string? EabHmacKey { get; set; }

    /// <summary>Extra root certificate (PEM file path) trusted for this CA's TLS, for private CAs and the local world.</summary>
    public string? TrustedRootPath { get; set; }

    /// <summary>Comma-separated namespaces whose objects may use this issuer; empty means every namespace.</summary>
    public string? AllowedNamespaces { get; set; }

    /// <summary>True when both halves of an external account binding are set.</summary>
    public bool HasExternalAccountBinding => !string.IsNullOrWhiteSpace(EabKeyId) && !string.IsNullOrWhiteSpace(EabHmacKey);

    /// <summary>Hides the HMAC key.</summary>
    public override string ToString() => $"AcmeIssuerOptions({DirectoryUrl})";
}
