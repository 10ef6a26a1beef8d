using CertFunctions.Core.Kubernetes.Annotations;

namespace CertFunctions.Core.Admission;

/// <summary>Decides from a review alone (no cluster read: the answer must come in milliseconds) whether a write is worth an issuance check.</summary>
public static class AdmissionDecision
{
    /// <summary>Why the write is ignored, or null when an issuance check should start.</summary>
    public static string? Ignored(AdmissionReviewRequest review)
    {
        ArgumentNullException.ThrowIfNull(review);
        if (review.DryRun)
        {
            return "a dry run";
        }

        if (!IsIngress(review) && !IsGateway(review))
        {
            return $"kind {review.Kind} is not served by the webhook";
        }

        if (review.Operation is not ("CREATE" or "UPDATE"))
        {
            return $"operation {review.Operation}";
        }

        var annotations = AdmissionReviewRequest.Annotations(review.Admitted);
        if (!IngressAnnotationParser.IsOptedIn(annotations))
        {
            return $"the {review.Kind} does not opt in";
        }

        if (review.Operation == "UPDATE" && review.OldObject is { } old
            && AdmissionReviewRequest.Generation(old) == AdmissionReviewRequest.Generation(review.Admitted)
            && IngressAnnotationParser.IsOptedIn(AdmissionReviewRequest.Annotations(old))
            && SameOwnAnnotations(AdmissionReviewRequest.Annotations(old), annotations))
        {
            // Same spec, still opted in, our settings unchanged: labels, other annotations or status only.
            return "nothing that decides the certificate changed";
        }

        return null;
    }

    /// <summary>True for a review of a networking.k8s.io Ingress.</summary>
    public static bool IsIngress(AdmissionReviewRequest review) =>
        review is { Group: "networking.k8s.io", Kind: "Ingress" };

    /// <summary>True for a review of a gateway.networking.k8s.io Gateway (any served version).</summary>
    public static bool IsGateway(AdmissionReviewRequest review) =>
        review is { Group: "gateway.networking.k8s.io", Kind: "Gateway" };

    private static bool SameOwnAnnotations(IDictionary<string, string> old, IDictionary<string, string> current)
    {
        static IEnumerable<KeyValuePair<string, string>> Own(IDictionary<string, string> a) => a
            .Where(p => (p.Key.StartsWith(CertFunctionsAnnotations.Prefix, StringComparison.Ordinal) && p.Key != CertFunctionsAnnotations.PresentedPaths)
                || p.Key == CertFunctionsAnnotations.TlsAcme)
            .OrderBy(p => p.Key, StringComparer.Ordinal);
        return Own(old).SequenceEqual(Own(current));
    }
}
