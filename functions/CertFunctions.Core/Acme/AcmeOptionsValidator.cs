using CertFunctions.Core.Issuers;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Acme;

/// <summary>
/// Checks the issuers at start-up: one form only (named or single), each issuer's URL, e-mail, EAB pair and trusted
/// root, the default issuer. Every message names the setting to fix.
/// </summary>
public sealed class AcmeOptionsValidator : IValidateOptions<AcmeOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AcmeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return AcmeIssuerCatalog.Build(options, out var errors) is null
            ? ValidateOptionsResult.Fail(errors)
            : ValidateOptionsResult.Success;
    }
}
