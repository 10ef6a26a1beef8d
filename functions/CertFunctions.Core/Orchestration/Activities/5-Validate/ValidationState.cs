using System.Text.Json.Serialization;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Where the CA's validation of the order's authorizations stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ValidationState>))]
public enum ValidationState
{
    /// <summary>Every authorization is valid.</summary>
    Valid,

    /// <summary>At least one authorization failed; the order cannot succeed.</summary>
    Invalid,

    /// <summary>Still processing; ask again later.</summary>
    Pending,
}
