using System.Text.Json.Serialization;

namespace CertFunctions.Core.Certificates;

/// <summary>The kind of Kubernetes object that owns the host names and names the TLS Secret of a managed certificate.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CertificateObjectKind>))]
public enum CertificateObjectKind
{
    /// <summary>A networking.k8s.io/v1 Ingress: its rule hosts, one Secret.</summary>
    Ingress,

    /// <summary>A gateway.networking.k8s.io/v1 Gateway: its HTTPS listeners, one certificate per Secret they name.</summary>
    Gateway,
}
