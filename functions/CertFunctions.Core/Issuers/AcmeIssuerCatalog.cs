using System.Text.RegularExpressions;
using CertFunctions.Acme.Jws;
using CertFunctions.Core.Acme;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Issuers;

/// <summary>
/// The configured ACME issuers and which one is the default, built once from <see cref="AcmeOptions"/>: the named form
/// (<c>Acme:Issuers:&lt;name&gt;</c>), or today's single <c>Acme:*</c> settings as the issuer named <c>default</c>.
/// </summary>
public sealed partial class AcmeIssuerCatalog
{
    private readonly Dictionary<string, AcmeIssuer> _issuers;

    /// <summary>Builds the catalog from the bound options (validated at start-up by <see cref="AcmeOptionsValidator"/>).</summary>
    public AcmeIssuerCatalog(IOptions<AcmeOptions> options)
        : this(Build(options?.Value ?? throw new ArgumentNullException(nameof(options)), out var errors)
            ?? throw new OptionsValidationException(AcmeOptions.SectionName, typeof(AcmeOptions), errors))
    {
    }

    private AcmeIssuerCatalog(AcmeIssuerCatalog built)
    {
        _issuers = built._issuers;
        Default = built.Default;
    }

    private AcmeIssuerCatalog(Dictionary<string, AcmeIssuer> issuers, AcmeIssuer @default)
    {
        _issuers = issuers;
        Default = @default;
    }

    /// <summary>The issuer of objects that name none.</summary>
    public AcmeIssuer Default { get; }

    /// <summary>Every issuer, by name.</summary>
    public IReadOnlyCollection<AcmeIssuer> All => _issuers.Values;

    /// <summary>The issuer named <paramref name="name"/> (null or empty: the default), or null when there is none by that name.</summary>
    public AcmeIssuer? Find(string? name) =>
        string.IsNullOrWhiteSpace(name) ? Default : _issuers.GetValueOrDefault(name.Trim());

    /// <summary>The issuer named <paramref name="name"/> (null: the default); throws when it is not configured (an input from before a settings change).</summary>
    public AcmeIssuer Get(string? name) => Find(name)
        ?? throw new UnknownIssuerException($"The ACME issuer '{name}' is not configured (configured: {Names}); it may have been removed from the settings since this issuance started.");

    /// <summary>
    /// The issuer an object in <paramref name="namespace"/> gets when it asks for <paramref name="requested"/> (its
    /// <c>certfunctions.io/issuer</c> annotation; null: the default). Throws <see cref="UnknownIssuerException"/> for a
    /// name that is not configured and <see cref="IssuerNotAllowedException"/> for one the namespace may not use —
    /// never a silent fallback to another CA.
    /// </summary>
    public AcmeIssuer Select(string? requested, string @namespace, string objectDescription)
    {
        var issuer = Find(requested)
            ?? throw new UnknownIssuerException(
                $"{objectDescription} asks for ACME issuer '{requested}' ({Kubernetes.Annotations.CertFunctionsAnnotations.Issuer}), which is not configured " +
                $"(configured: {Names}); nothing was changed. Fix the annotation, or add the issuer under Acme:Issuers:{requested?.Trim()}.");
        if (!issuer.Allows(@namespace))
        {
            throw new IssuerNotAllowedException(
                $"{objectDescription} asks for ACME issuer '{issuer.Name}', which namespace '{@namespace}' may not use " +
                $"({issuer.SettingPrefix}:AllowedNamespaces is {string.Join(", ", issuer.AllowedNamespaces.Order(StringComparer.Ordinal))}); nothing was changed. " +
                "Choose another issuer with " + Kubernetes.Annotations.CertFunctionsAnnotations.Issuer + ", or ask for the namespace to be allowed.");
        }

        return issuer;
    }

    /// <summary>The configured issuer names, for messages.</summary>
    public string Names => string.Join(", ", _issuers.Keys.Order(StringComparer.Ordinal));

    /// <summary>Builds a catalog, or returns null with every problem, each naming the setting to fix.</summary>
    public static AcmeIssuerCatalog? Build(AcmeOptions options, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var issuers = new Dictionary<string, AcmeIssuer>(StringComparer.Ordinal);
        if (options.Issuers.Count == 0)
        {
            // Today's single-issuer settings: the issuer named "default", Let's Encrypt staging when nothing is set.
            issuers[AcmeIssuer.DefaultName] = Check(
                AcmeIssuer.DefaultName,
                AcmeOptions.SectionName,
                new AcmeIssuerOptions
                {
                    DirectoryUrl = options.DirectoryUrl ?? new Uri(AcmeOptions.LetsEncryptStaging),
                    Email = options.Email,
                    AccountKeyType = options.AccountKeyType ?? AccountKeyAlgorithm.ES256,
                    Profile = options.Profile,
                    PreferredChain = options.PreferredChain,
                    EabKeyId = options.EabKeyId,
                    EabHmacKey = options.EabHmacKey,
                    TrustedRootPath = options.TrustedRootPath,
                },
                problems);
        }
        else
        {
            if (options.SingleIssuerSettingsInUse() is { Count: > 0 } single)
            {
                problems.Add(
                    $"{string.Join(", ", single)} and Acme:Issuers are both set; use one form. Move these settings to Acme:Issuers:{AcmeIssuer.DefaultName}:* " +
                    $"(the name '{AcmeIssuer.DefaultName}' keeps the ACME account stored for them) and remove the {AcmeOptions.SectionName}:* ones.");
            }

            foreach (var (name, issuer) in options.Issuers)
            {
                var prefix = $"{AcmeOptions.SectionName}:Issuers:{name}";
                if (!Kubernetes.Annotations.KubernetesNames.IsDnsLabel(name))
                {
                    problems.Add($"{prefix}: '{name}' is not an issuer name (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63).");
                    continue;
                }

                issuers[name] = Check(name, prefix, issuer ?? new AcmeIssuerOptions(), problems);
            }
        }

        AcmeIssuer? @default = null;
        var requestedDefault = options.DefaultIssuer?.Trim();
        if (!string.IsNullOrEmpty(requestedDefault))
        {
            if (!issuers.TryGetValue(requestedDefault, out @default))
            {
                problems.Add($"Acme:DefaultIssuer is '{requestedDefault}' but there is no such issuer (configured: {string.Join(", ", issuers.Keys.Order(StringComparer.Ordinal))}).");
            }
        }
        else if (!issuers.TryGetValue(AcmeIssuer.DefaultName, out @default) && issuers.Count == 1)
        {
            @default = issuers.Values.Single();
        }
        else if (@default is null && issuers.Count > 1)
        {
            problems.Add(
                $"Acme:Issuers names {issuers.Count} issuers ({string.Join(", ", issuers.Keys.Order(StringComparer.Ordinal))}) and none is named '{AcmeIssuer.DefaultName}': " +
                "set Acme:DefaultIssuer to the one objects without certfunctions.io/issuer should use.");
        }

        errors = problems;
        return problems.Count == 0 && @default is not null ? new AcmeIssuerCatalog(issuers, @default) : null;
    }

    private static AcmeIssuer Check(string name, string prefix, AcmeIssuerOptions options, List<string> problems)
    {
        var directory = options.DirectoryUrl;
        if (directory is null)
        {
            problems.Add($"{prefix}:DirectoryUrl is required.");
        }
        else if (!directory.IsAbsoluteUri || directory.Scheme != Uri.UriSchemeHttps)
        {
            problems.Add($"{prefix}:DirectoryUrl must be an absolute https URL (got '{directory}').");
        }

        if (!string.IsNullOrWhiteSpace(options.Email) && !System.Net.Mail.MailAddress.TryCreate(options.Email, out _))
        {
            problems.Add($"{prefix}:Email '{options.Email}' is not an e-mail address.");
        }

        if (string.IsNullOrWhiteSpace(options.EabKeyId) != string.IsNullOrWhiteSpace(options.EabHmacKey))
        {
            // Never the key's value in a message: it is a secret.
            problems.Add($"{prefix}:EabKeyId and {prefix}:EabHmacKey must be set together (external account binding).");
        }

        if (!string.IsNullOrWhiteSpace(options.TrustedRootPath) && !File.Exists(options.TrustedRootPath))
        {
            problems.Add($"{prefix}:TrustedRootPath points to '{options.TrustedRootPath}', which does not exist.");
        }

        if (options.Profile is { } profile && !string.IsNullOrWhiteSpace(profile) && !ProfilePattern().IsMatch(profile.Trim()))
        {
            problems.Add($"{prefix}:Profile '{profile}' is not a profile name (letters, digits, '.', '_', '-', at most 64).");
        }

        var allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ns in (options.AllowedNamespaces ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Kubernetes.Annotations.KubernetesNames.IsDnsLabel(ns))
            {
                problems.Add($"{prefix}:AllowedNamespaces: '{ns}' is not a namespace name.");
            }

            allowed.Add(ns);
        }

        return new AcmeIssuer(
            name,
            directory ?? new Uri(AcmeOptions.LetsEncryptStaging),
            string.IsNullOrWhiteSpace(options.Email) ? null : options.Email.Trim(),
            options.AccountKeyType,
            string.IsNullOrWhiteSpace(options.Profile) ? null : options.Profile.Trim(),
            string.IsNullOrWhiteSpace(options.PreferredChain) ? null : options.PreferredChain.Trim(),
            string.IsNullOrWhiteSpace(options.EabKeyId) ? null : options.EabKeyId.Trim(),
            string.IsNullOrWhiteSpace(options.EabHmacKey) ? null : options.EabHmacKey.Trim(),
            string.IsNullOrWhiteSpace(options.TrustedRootPath) ? null : options.TrustedRootPath,
            allowed,
            prefix);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ProfilePattern();
}
