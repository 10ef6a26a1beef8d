using CertFunctions.Core.Admission;
using CertFunctions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CertFunctions.Triggers;

/// <summary>The validating admission webhook the cluster calls on Ingress and Gateway writes (anonymous: the secret path segment authenticates).</summary>
public sealed class AdmissionFunctions
{
    /// <summary>Answers an AdmissionReview with "allowed" and records the write for an issuance check.</summary>
    /// <remarks>
    /// The start happens after the answer (AdmissionStartWorker) with this invocation's client: the extension's client
    /// provider caches its clients for the life of the worker, so the client stays usable after the invocation returns.
    /// </remarks>
    [Function("AdmissionWebhook")]
    public static Task AdmissionWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdmissionWebhookEndpoint.Route)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string cluster,
        string secret)
        => ActivatorUtilities.CreateInstance<AdmissionWebhookEndpoint>(request.HttpContext.RequestServices, new DurableTaskClientGateway(client))
            .HandleAsync(request.HttpContext, cluster, secret);
}
