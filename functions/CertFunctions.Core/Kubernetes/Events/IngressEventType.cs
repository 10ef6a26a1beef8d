using System.Text.Json.Serialization;

namespace CertFunctions.Core.Kubernetes.Events;

/// <summary>Kubernetes event type.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IngressEventType>))]
public enum IngressEventType
{
    /// <summary>Something went as planned.</summary>
    Normal,

    /// <summary>Something failed or needs attention.</summary>
    Warning,
}
