using k8s.Models;

namespace CertFunctions.Core.Kubernetes.Listing;

/// <summary>One listed object: its metadata, and the object as the kind's client returned it.</summary>
/// <param name="Metadata">The object's metadata.</param>
/// <param name="Body">A <see cref="V1Ingress"/> or <see cref="V1Secret"/>, or a <see cref="System.Text.Json.Nodes.JsonObject"/> for a Gateway API kind; metadata only when listed as such.</param>
public sealed record ListedObject(V1ObjectMeta Metadata, object Body);
