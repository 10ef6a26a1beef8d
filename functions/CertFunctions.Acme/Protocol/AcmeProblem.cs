using System.Text.Json.Serialization;

namespace CertFunctions.Acme.Protocol;

/// <summary>An RFC 7807 problem document as ACME servers send it, with subproblems (RFC 8555 section 6.7.1).</summary>
public sealed record AcmeProblem
{
    /// <summary>The error type URI, e.g. urn:ietf:params:acme:error:unauthorized.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>Human-readable explanation from the CA.</summary>
    [JsonPropertyName("detail")]
    public string? Detail { get; init; }

    /// <summary>The HTTP status the CA reported in the document.</summary>
    [JsonPropertyName("status")]
    public int? Status { get; init; }

    /// <summary>A URI about this occurrence.</summary>
    [JsonPropertyName("instance")]
    public string? Instance { get; init; }

    /// <summary>The identifier a subproblem is about.</summary>
    [JsonPropertyName("identifier")]
    public AcmeIdentifier? Identifier { get; init; }

    /// <summary>Problems per identifier.</summary>
    [JsonPropertyName("subproblems")]
    public IReadOnlyList<AcmeProblem>? Subproblems { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Type}: {Detail}";
}
