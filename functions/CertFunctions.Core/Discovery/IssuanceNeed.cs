using System.Text.Json.Serialization;

namespace CertFunctions.Core.Discovery;

/// <summary>What an object needs, as the admission webhook's wait and the discovery trigger see it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IssuanceNeed>))]
public enum IssuanceNeed
{
    /// <summary>The object is not readable at the uid and generation looked for (not stored yet, or never).</summary>
    NotStored,

    /// <summary>Nothing to do: not opted in, cannot be served, another Ingress's Secret, backing off, or its certificate is fine.</summary>
    Nothing,

    /// <summary>It needs an issuance: no certificate, names not covered, expired or due, or its spec.tls entry is missing.</summary>
    Issue,
}
