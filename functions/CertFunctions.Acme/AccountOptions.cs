namespace CertFunctions.Acme;

/// <summary>What newAccount sends: contacts, agreement to the terms, optional external account binding.</summary>
public sealed record AccountOptions
{
    /// <summary>Contact URLs, e.g. mailto:ops@example.com.</summary>
    public IReadOnlyList<string>? Contact { get; init; }

    /// <summary>Agrees to the CA's terms of service.</summary>
    public bool TermsOfServiceAgreed { get; init; } = true;

    /// <summary>External account binding, when the CA requires one.</summary>
    public ExternalAccountBinding? ExternalAccountBinding { get; init; }
}
