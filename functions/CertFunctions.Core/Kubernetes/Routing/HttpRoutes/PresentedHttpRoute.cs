using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Kubernetes.Routing.HttpRoutes;

/// <summary>The solver HTTPRoute presenting a Gateway's challenges, as created: enough to wait for it and to remove exactly it.</summary>
/// <param name="Gateway">The Gateway.</param>
/// <param name="Name">The route's name (in the Gateway's namespace).</param>
/// <param name="Uid">Its uid, so removal never deletes a route a later run created under the same name.</param>
/// <param name="Generation">Its metadata.generation, which the controller's status must have observed.</param>
/// <param name="Sections">The listener names it attaches to.</param>
/// <param name="Strategy">Redirect or Backend.</param>
/// <param name="Tokens">The tokens it routes.</param>
public sealed record PresentedHttpRoute(
    CertificateRef Gateway,
    string Name,
    string? Uid,
    long Generation,
    IReadOnlyList<string> Sections,
    GatewayRouting Strategy,
    IReadOnlyList<string> Tokens);
