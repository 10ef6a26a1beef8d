using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Hosting;
using CertFunctions.Core.Http;
using CertFunctions.Core.Kubernetes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Admission;

/// <summary>
/// The validating admission webhook the cluster calls on every Ingress and Gateway create and update: it always allows, answers at once,
/// and only records the change in memory (<see cref="AdmissionBacklog"/>); <see cref="AdmissionStartWorker"/> starts the
/// issuance afterwards, which waits for the object to be stored (see <see cref="AdmittedObject"/>).
/// </summary>
public sealed partial class AdmissionWebhookEndpoint(
    IOrchestrationGateway orchestrations,
    AdmissionBacklog queue,
    IOptionsMonitor<AdmissionWebhookOptions> options,
    IOptions<KubernetesOptions> kubernetes,
    ILogger<AdmissionWebhookEndpoint> logger)
{
    /// <summary>The route (the Functions app has no route prefix): the secret is a path segment, as the URL may carry no query.</summary>
    public const string Route = "api/admission/{cluster}/{secret}";

    /// <summary>Largest review accepted (an Ingress and its old version, with room to spare).</summary>
    public const int MaxBodyBytes = 3 * 1024 * 1024;

    /// <summary>Serves one <c>POST</c> of an AdmissionReview.</summary>
    public async Task HandleAsync(HttpContext context, string cluster, string secret)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = options.CurrentValue;
        if (!SecretMatches(settings.Secret, secret))
        {
            await ProblemResponse.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized",
                "The webhook path does not carry the configured secret (AdmissionWebhook:Secret).").ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var review = body is null ? null : AdmissionReviewRequest.Parse(body);
        if (review is null)
        {
            await ProblemResponse.WriteAsync(context, StatusCodes.Status400BadRequest, "Not an admission review",
                $"Send an admission.k8s.io/v1 AdmissionReview with a request uid, at most {MaxBodyBytes} bytes.").ConfigureAwait(false);
            return;
        }

        // The answer never depends on what follows: a user's write is never blocked by us, whatever fails here.
        try
        {
            Record(review, cluster, settings);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRecordFailed(logger, cluster, review.Namespace, review.Name, ex.Message);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsJsonAsync(
            new JsonObject
            {
                ["apiVersion"] = "admission.k8s.io/v1",
                ["kind"] = "AdmissionReview",
                ["response"] = new JsonObject { ["uid"] = review.Uid, ["allowed"] = true },
            },
            context.RequestAborted).ConfigureAwait(false);
    }

    private void Record(AdmissionReviewRequest review, string cluster, AdmissionWebhookOptions settings)
    {
        if (!settings.Enabled)
        {
            return;
        }

        if (AdmissionDecision.Ignored(review) is { } why)
        {
            LogIgnored(logger, cluster, review.Namespace, review.Name, why);
            return;
        }

        if (!kubernetes.Value.Clusters.ContainsKey(cluster))
        {
            LogUnknownCluster(logger, cluster);
            return;
        }

        // A Gateway's run covers all its listeners' Secrets, as the API's run for {"namespace","gateway"} does.
        var certificate = AdmissionDecision.IsGateway(review)
            ? CertificateRef.ForGateway(cluster, review.Namespace, review.Name)
            : new CertificateRef(cluster, review.Namespace, review.Name);
        var admitted = new AdmittedObject(AdmissionReviewRequest.ObjectUid(review.Admitted), AdmissionReviewRequest.Generation(review.Admitted), settings.WaitTimeout);

        // No storage call before the answer: a start costs one or more Durable storage round trips (200+ ms measured,
        // bench/results/discovery-*.md), and the API server holds the user's write for as long as we take.
        if (queue.Enqueue(new PendingAdmission(orchestrations, certificate, admitted, review.Operation)))
        {
            LogRecorded(logger, certificate, review.Operation, admitted.Generation);
        }
        else
        {
            LogQueueFull(logger, certificate, AdmissionBacklog.Capacity);
        }
    }

    /// <summary>Compares in constant time: both sides are hashed first, so neither length nor content leaks through timing.</summary>
    private static bool SecretMatches(string? configured, string presented)
    {
        if (string.IsNullOrEmpty(configured))
        {
            return false;
        }

        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(configured));
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(presented ?? string.Empty));
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admission of {Cluster}/{Namespace}/{Name} ignored: {Why}")]
    private static partial void LogIgnored(ILogger logger, string cluster, string @namespace, string name, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admission of {Certificate} ({Operation}, generation {Generation}) recorded")]
    private static partial void LogRecorded(ILogger logger, CertificateRef certificate, string operation, long generation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admission of {Certificate} allowed but not recorded: {Capacity} objects already wait to be started; discovery will find it")]
    private static partial void LogQueueFull(ILogger logger, CertificateRef certificate, int capacity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admission webhook called for unknown cluster {Cluster}; check the URL in the ValidatingWebhookConfiguration")]
    private static partial void LogUnknownCluster(ILogger logger, string cluster);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admission of {Cluster}/{Namespace}/{Name} allowed but not recorded: {Reason}")]
    private static partial void LogRecordFailed(ILogger logger, string cluster, string @namespace, string name, string reason);
}
