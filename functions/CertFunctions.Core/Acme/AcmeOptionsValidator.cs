using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Acme;

/// <summary>Checks what data annotations cannot: URL scheme, EAB pairs, the trusted root file.</summary>
public sealed class AcmeOptionsValidator : IValidateOptions<AcmeOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AcmeOptions options)
    {
        var failures = new List<string>();
        if (!options.DirectoryUrl.IsAbsoluteUri || options.DirectoryUrl.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"Acme:DirectoryUrl must be an absolute https URL (got '{options.DirectoryUrl}').");
        }

        if (!string.IsNullOrWhiteSpace(options.Email) && !System.Net.Mail.MailAddress.TryCreate(options.Email, out _))
        {
            failures.Add($"Acme:Email '{options.Email}' is not an e-mail address.");
        }

        if (string.IsNullOrWhiteSpace(options.EabKeyId) != string.IsNullOrWhiteSpace(options.EabHmacKey))
        {
            failures.Add("Acme:EabKeyId and Acme:EabHmacKey must be set together (external account binding).");
        }

        if (!string.IsNullOrWhiteSpace(options.TrustedRootPath) && !File.Exists(options.TrustedRootPath))
        {
            failures.Add($"Acme:TrustedRootPath points to '{options.TrustedRootPath}', which does not exist.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
