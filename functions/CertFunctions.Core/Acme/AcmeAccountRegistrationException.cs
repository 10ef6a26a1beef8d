using CertFunctions.Acme.Errors;
using CertFunctions.Core.Issuers;

namespace CertFunctions.Core.Acme;

/// <summary>
/// An issuer's CA refused to register its account, said with the issuer's name and, for a CA that requires external
/// account binding, the settings to add. The CA's error is the inner exception, so a transient one is still retried.
/// </summary>
public sealed class AcmeAccountRegistrationException(AcmeIssuer issuer, AcmeException inner)
    : Exception(Describe(issuer, inner), inner)
{
    private static string Describe(AcmeIssuer issuer, AcmeException inner)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(inner);
        var hint = inner is AcmeProblemException { ProblemType: "urn:ietf:params:acme:error:externalAccountRequired" } && !issuer.HasExternalAccountBinding
            ? $" This CA requires external account binding: set {issuer.SettingPrefix}:EabKeyId and {issuer.SettingPrefix}:EabHmacKey (from the CA's account page)."
            : string.Empty;
        return $"ACME issuer {issuer.Name} ({issuer.DirectoryUrl}) could not register its account: {inner.Message}.{hint}";
    }
}
