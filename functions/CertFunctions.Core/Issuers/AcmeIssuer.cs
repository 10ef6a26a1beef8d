using CertFunctions.Acme.Jws;

namespace CertFunctions.Core.Issuers;

/// <summary>A configured ACME issuer as the app uses it: its name, its CA and account settings, and the namespaces it serves.</summary>
/// <param name="Name">The issuer's name (<c>certfunctions.io/issuer</c> selects it).</param>
/// <param name="DirectoryUrl">The CA's directory URL.</param>
/// <param name="Email">Contact e-mail, if any.</param>
/// <param name="AccountKeyType">Algorithm of a new account key.</param>
/// <param name="Profile">Default profile at this CA, if any.</param>
/// <param name="PreferredChain">Preferred chain at this CA, if any.</param>
/// <param name="EabKeyId">External account binding key id, if any.</param>
/// <param name="EabHmacKey">External account binding HMAC key, if any (never logged: <see cref="ToString"/> leaves it out).</param>
/// <param name="TrustedRootPath">Extra TLS root for the CA, if any.</param>
/// <param name="AllowedNamespaces">Namespaces that may use it; empty means all.</param>
/// <param name="SettingPrefix">Where it was configured (<c>Acme</c> or <c>Acme:Issuers:&lt;name&gt;</c>), for messages.</param>
public sealed record AcmeIssuer(
    string Name,
    Uri DirectoryUrl,
    string? Email,
    AccountKeyAlgorithm AccountKeyType,
    string? Profile,
    string? PreferredChain,
    string? EabKeyId,
    string? EabHmacKey,
    string? TrustedRootPath,
    IReadOnlySet<string> AllowedNamespaces,
    string SettingPrefix)
{
    /// <summary>The issuer name today's single <c>Acme:*</c> settings stand for.</summary>
    public const string DefaultName = "default";

    /// <summary>True when both halves of an external account binding are set.</summary>
    public bool HasExternalAccountBinding => !string.IsNullOrWhiteSpace(EabKeyId) && !string.IsNullOrWhiteSpace(EabHmacKey);

    /// <summary>True when objects in <paramref name="namespace"/> may use this issuer.</summary>
    public bool Allows(string @namespace) => AllowedNamespaces.Count == 0 || AllowedNamespaces.Contains(@namespace);

    /// <summary>Names the issuer and its CA; never the EAB key.</summary>
    public override string ToString() => $"{Name} ({DirectoryUrl})";
}
