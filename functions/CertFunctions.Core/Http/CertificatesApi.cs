using System.Text.Json;
using System.Text.RegularExpressions;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Hosting;
using CertFunctions.Core.Kubernetes;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Orchestration;
using CertFunctions.Core.Renewal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Http;

/// <summary>
/// The HTTP API shared by both hosts: request a certificate, follow the operation, list managed certificates, force a renewal.
/// Operation URLs are our own routes; Durable's management URLs are never returned (they carry the system key).
/// </summary>
public sealed partial class CertificatesApi(
    IOrchestrationGateway orchestrations,
    IssuanceAdmission admission,
    CancelledIssuanceCleanup cancelledCleanup,
    CertificateStateStore states,
    PublicBaseUrl publicBaseUrl,
    IOptions<KubernetesOptions> kubernetesOptions,
    TimeProvider timeProvider,
    ILogger<CertificatesApi> logger)
{
    /// <summary>Route of the collection (POST to request, GET to list).</summary>
    public const string CollectionRoute = "api/certificates";

    /// <summary>Route of one operation.</summary>
    public const string OperationRoute = "api/certificates/operations/{id}";

    /// <summary>Route to force a renewal of an Ingress's certificate.</summary>
    public const string RenewRoute = "api/certificates/{cluster}/{namespace}/{ingress}/renew";

    /// <summary>Route to force a renewal of every certificate a Gateway's listeners name.</summary>
    public const string GatewayRenewRoute = "api/certificates/{cluster}/{namespace}/gateways/{gateway}/renew";

    /// <summary>Largest request body accepted.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>How long a cancellation waits for the runtime to record the termination before it answers 202.</summary>
    public static readonly TimeSpan CancelWait = TimeSpan.FromSeconds(10);

    private static readonly JsonSerializerOptions Json = JsonResponse.Options;

    /// <summary><c>POST /api/certificates</c>: validates the request and the Ingress, then starts (or reports) the issuance.</summary>
    public async Task RequestAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            await ProblemResponse.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Send the request as application/json: {\"cluster\": \"(optional)\", \"namespace\": \"...\", \"ingress\": \"...\"}.").ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var cluster = string.IsNullOrWhiteSpace(body.Cluster) ? kubernetesOptions.Value.ResolveDefaultCluster() : body.Cluster.Trim();
        ValidateName(errors, "namespace", body.Namespace, label: true);
        var isGateway = body.Gateway is not null && body.Ingress is null;
        if (body.Gateway is not null && body.Ingress is not null)
        {
            errors["gateway"] = ["Name an Ingress or a Gateway, not both."];
        }
        else
        {
            ValidateName(errors, isGateway ? "gateway" : "ingress", isGateway ? body.Gateway : body.Ingress, label: false);
        }

        if (!kubernetesOptions.Value.Clusters.ContainsKey(cluster))
        {
            errors["cluster"] = [$"Unknown cluster '{cluster}'. Configured clusters: {string.Join(", ", kubernetesOptions.Value.Clusters.Keys)}."];
        }

        if (errors.Count > 0)
        {
            await ProblemResponse.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid certificate request",
                isGateway ? "The request names no valid Gateway; see errors." : "The request names no valid Ingress; see errors.", errors).ConfigureAwait(false);
            return;
        }

        var certificate = isGateway
            ? CertificateRef.ForGateway(cluster, body.Namespace!, body.Gateway!)
            : new CertificateRef(cluster, body.Namespace!, body.Ingress!);
        await StartAsync(context, certificate, IssuanceReason.Requested).ConfigureAwait(false);
    }

    /// <summary><c>POST /api/certificates/{cluster}/{namespace}/{ingress}/renew</c>: forces a renewal now.</summary>
    public Task RenewAsync(HttpContext context, string cluster, string @namespace, string ingress)
        => RenewAsync(context, cluster, @namespace, "ingress", ingress, new CertificateRef(cluster, @namespace, ingress));

    /// <summary><c>POST /api/certificates/{cluster}/{namespace}/gateways/{gateway}/renew</c>: forces a renewal of every Secret the Gateway names now.</summary>
    public Task RenewGatewayAsync(HttpContext context, string cluster, string @namespace, string gateway)
        => RenewAsync(context, cluster, @namespace, "gateway", gateway, CertificateRef.ForGateway(cluster, @namespace, gateway));

    private async Task RenewAsync(HttpContext context, string cluster, string @namespace, string kind, string name, CertificateRef certificate)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        ValidateName(errors, "namespace", @namespace, label: true);
        ValidateName(errors, kind, name, label: false);
        if (!kubernetesOptions.Value.Clusters.ContainsKey(cluster))
        {
            errors["cluster"] = [$"Unknown cluster '{cluster}'."];
        }

        if (errors.Count > 0)
        {
            await ProblemResponse.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid renewal request",
                kind == "gateway" ? "The route names no valid Gateway; see errors." : "The route names no valid Ingress; see errors.", errors).ConfigureAwait(false);
            return;
        }

        await StartAsync(context, certificate, IssuanceReason.Forced).ConfigureAwait(false);
    }

    /// <summary><c>GET /api/certificates/operations/{id}</c>: progress, result or failure.</summary>
    public async Task GetOperationAsync(HttpContext context, string id)
    {
        if (!IsOperationId(id))
        {
            await ProblemResponse.WriteAsync(context, StatusCodes.Status404NotFound, "Operation not found", $"There is no operation '{ProblemResponse.Echo(id)}'.").ConfigureAwait(false);
            return;
        }

        var snapshot = await orchestrations.GetAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (snapshot is null)
        {
            await ProblemResponse.WriteAsync(context, StatusCodes.Status404NotFound, "Operation not found", $"There is no operation '{id}'.").ConfigureAwait(false);
            return;
        }

        await JsonResponse.WriteAsync(context, StatusCodes.Status200OK, ToResponse(context, snapshot)).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>DELETE /api/certificates/operations/{id}</c>: cancels a running issuance (for example one waiting out a rate
    /// limit) and removes its challenge routing and tokens once the runtime has recorded the termination. A Gateway's run
    /// ends with its per-Secret operations; cancelling one of those while its run is going cancels the run.
    /// </summary>
    public async Task CancelOperationAsync(HttpContext context, string id)
    {
        var snapshot = IsOperationId(id) ? await orchestrations.GetAsync(id, context.RequestAborted).ConfigureAwait(false) : null;
        if (snapshot is null)
        {
            await ProblemResponse.WriteAsync(context, StatusCodes.Status404NotFound, "Operation not found", $"There is no operation '{ProblemResponse.Echo(id)}'.").ConfigureAwait(false);
            return;
        }

        if (!snapshot.IsActive)
        {
            await ProblemResponse.WriteAsync(
                context, StatusCodes.Status409Conflict, "The operation has ended", $"Operation '{id}' is {snapshot.State}; there is nothing to cancel.").ConfigureAwait(false);
            return;
        }

        // One certificate of a Gateway's running run (the id the list and the dashboard show for it): its parent waits for
        // it, so cancelling it alone would leave the run waiting forever; cancel the whole run.
        if (ToResponse(context, snapshot).Certificate is { IsGateway: true, Secret: not null } part
            && await orchestrations.GetAsync(part.WholeObject.InstanceId, context.RequestAborted).ConfigureAwait(false) is { IsActive: true } run)
        {
            id = run.InstanceId;
            snapshot = run;
        }

        await orchestrations.TerminateAsync(id, "Cancelled through the API.", context.RequestAborted).ConfigureAwait(false);
        LogCancelled(logger, id);

        // Clean up only once the runtime has recorded the end, so no step of this instance starts after the cleanup.
        var deadline = timeProvider.GetUtcNow() + CancelWait;
        snapshot = await WaitForEndAsync(id, snapshot, deadline, context.RequestAborted).ConfigureAwait(false);
        if (snapshot is null || snapshot.IsActive)
        {
            await WriteCancelPendingAsync(context, id).ConfigureAwait(false);
            return;
        }

        var response = ToResponse(context, snapshot);
        if (response.Certificate is { IsGateway: true, Secret: null } gateway)
        {
            // Terminating an orchestration does not end its sub-orchestrations: end the Gateway run's certificate
            // operations too (their ids are in its status), then remove what they left.
            var ended = await EndOperationsAsync(response.Progress?.Operations ?? [], deadline, context.RequestAborted).ConfigureAwait(false);
            if (ended is null)
            {
                await WriteCancelPendingAsync(context, id).ConfigureAwait(false);
                return;
            }

            await cancelledCleanup.RunForGatewayAsync(gateway, ended, context.RequestAborted).ConfigureAwait(false);
        }
        else if (response.Certificate is { } certificate)
        {
            await cancelledCleanup.RunAsync(certificate, id, snapshot.LastUpdatedAt, context.RequestAborted).ConfigureAwait(false);
        }

        await JsonResponse.WriteAsync(context, StatusCodes.Status200OK, response).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>GET /api/certificates</c>: every managed certificate with its object's kind and name, hosts, expiry, planned
    /// renewal, last outcome and whether it is at risk.
    /// </summary>
    public async Task ListAsync(HttpContext context)
    {
        var all = await states.ListAsync(context.RequestAborted).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        var items = all
            .OrderBy(s => s.Certificate.Cluster, StringComparer.Ordinal)
            .ThenBy(s => s.Certificate.Namespace, StringComparer.Ordinal)
            .ThenBy(s => s.Certificate.Ingress, StringComparer.Ordinal)
            .Select(s => new
            {
                s.Certificate,

                // The object as the dashboard and the CLI show it: for a Gateway one entry per Secret, whose hosts are
                // the hostnames of the listeners naming it.
                Kind = s.Certificate.Kind.ToString(),
                s.Certificate.Name,
                s.Hosts,
                s.SecretName,
                s.NotAfter,
                s.PlannedRenewal,
                ExpiryRisk = ExpiryRiskOf(s, now),
                LastOutcome = s.LastOutcome.ToString(),
                s.LastAttemptAt,
                s.LastError,
                s.NextAttemptAfter,
                s.Serial,
                s.Issuer,
                Operation = s.LastInstanceId is null ? null : OperationUrl(context, s.LastInstanceId),
            });
        await JsonResponse.WriteAsync(context, StatusCodes.Status200OK, new { certificates = items }).ConfigureAwait(false);
    }

    // Terminates each operation still running and waits for its end; returns the ones that ended by termination
    // (those that finished on their own cleaned up after themselves), or null when one has not ended by the deadline.
    private async Task<IReadOnlyList<EndedOperation>?> EndOperationsAsync(IReadOnlyList<string> operations, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var ended = new List<EndedOperation>();
        foreach (var operation in operations)
        {
            var child = await orchestrations.GetAsync(operation, cancellationToken).ConfigureAwait(false);
            if (child is not { IsActive: true })
            {
                continue;
            }

            await orchestrations.TerminateAsync(operation, "Its Gateway's run was cancelled through the API.", cancellationToken).ConfigureAwait(false);
            LogCancelled(logger, operation);
            child = await WaitForEndAsync(operation, child, deadline, cancellationToken).ConfigureAwait(false);
            if (child is null || child.IsActive)
            {
                return null;
            }

            ended.Add(new EndedOperation(operation, child.LastUpdatedAt));
        }

        return ended;
    }

    private async Task<OrchestrationSnapshot?> WaitForEndAsync(string id, OrchestrationSnapshot? snapshot, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (snapshot is { IsActive: true } && timeProvider.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            snapshot = await orchestrations.GetAsync(id, cancellationToken).ConfigureAwait(false);
        }

        return snapshot;
    }

    private Task WriteCancelPendingAsync(HttpContext context, string id)
    {
        context.Response.Headers.Location = OperationUrl(context, id);
        return JsonResponse.WriteAsync(context, StatusCodes.Status202Accepted, new
        {
            id,
            message = "Cancellation requested; the runtime has not recorded it yet. The next renewal scan removes what the issuance left.",
        });
    }

    // The scan's rule, so the list and the Ingress's Warning Events agree: "expiring", "expired", or null when fine.
    private static string? ExpiryRiskOf(CertificateState state, DateTimeOffset now) =>
        state is { NotAfter: { } notAfter, PlannedRenewal: { } planned } && ExpiryRisk.Assess(planned, notAfter, now) is { } risk
            ? risk.Expired ? "expired" : "expiring"
            : null;

    private async Task StartAsync(HttpContext context, CertificateRef certificate, IssuanceReason reason)
    {
        if (await admission.CheckAsync(certificate, context.RequestAborted).ConfigureAwait(false) is { } problem)
        {
            await ProblemResponse.WriteAsync(context, problem.Status, problem.Title, problem.Detail).ConfigureAwait(false);
            return;
        }

        var started = await IssuanceStarter.StartAsync(orchestrations, new IssueCertificateRequest(certificate, reason), context.RequestAborted).ConfigureAwait(false);
        LogStart(logger, certificate, started.Started, started.InstanceId);

        var statusUrl = OperationUrl(context, started.InstanceId);
        context.Response.Headers.Location = statusUrl;
        context.Response.Headers.RetryAfter = "2";
        await JsonResponse.WriteAsync(context, StatusCodes.Status202Accepted, new
        {
            id = started.InstanceId,
            certificate,
            started = started.Started,
            message = started.Started
                ? "Issuance started."
                : certificate.IsGateway ? "An issuance for this Gateway is already running; this is its status." : "An issuance for this Ingress is already running; this is its status.",
            statusUrl,
        }).ConfigureAwait(false);
    }

    private static async Task<CertificateRequestBody?> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            await ProblemResponse.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request too large", $"The body may hold at most {MaxBodyBytes} bytes.").ConfigureAwait(false);
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                await ProblemResponse.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request too large", $"The body may hold at most {MaxBodyBytes} bytes.").ConfigureAwait(false);
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            var body = JsonSerializer.Deserialize<CertificateRequestBody>(buffer.ToArray(), Json);
            if (body is null)
            {
                throw new JsonException("The body is null.");
            }

            return body;
        }
        catch (JsonException ex)
        {
            await ProblemResponse.WriteAsync(context, StatusCodes.Status400BadRequest, "Malformed JSON", "The body is not a JSON object: " + ex.Message).ConfigureAwait(false);
            return null;
        }
    }

    private static void ValidateName(Dictionary<string, string[]> errors, string field, string? value, bool label)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"'{field}' is required."];
        }
        else if (label ? !IsDnsLabel(value) : !KubernetesNames.IsDnsSubdomain(value))
        {
            errors[field] = [label
                ? $"'{ProblemResponse.Echo(value)}' is not a valid namespace name (RFC 1123 label: lowercase letters, digits and '-', at most 63 characters)."
                : $"'{ProblemResponse.Echo(value)}' is not a valid {(field == "gateway" ? "Gateway" : "Ingress")} name (RFC 1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters)."];
        }
    }

    private static bool IsDnsLabel(string value) => value.Length <= 63 && DnsLabel().IsMatch(value);

    private static bool IsOperationId(string? id) => !string.IsNullOrEmpty(id) && id.Length <= 400 && (id.StartsWith("cert_", StringComparison.Ordinal) || id.StartsWith("gw_", StringComparison.Ordinal));

    private OperationStatusResponse ToResponse(HttpContext context, OrchestrationSnapshot snapshot)
    {
        CertificateRef? certificate = null;
        if (snapshot.SerializedInput is { } input)
        {
            try
            {
                certificate = JsonSerializer.Deserialize<IssueCertificateRequest>(input, Json)?.Certificate;
            }
            catch (JsonException)
            {
                // Not one of ours; report the rest.
            }
        }

        return new OperationStatusResponse(
            snapshot.InstanceId,
            certificate,
            snapshot.State.ToString(),
            Parse<IssuanceStatus>(snapshot.SerializedCustomStatus),
            snapshot.State == OrchestrationState.Completed ? Parse<IssuanceResult>(snapshot.SerializedOutput) : null,
            snapshot.Failure?.Message,
            snapshot.CreatedAt,
            snapshot.LastUpdatedAt,
            OperationUrl(context, snapshot.InstanceId));
    }

    private static T? Parse<T>(string? json)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            // Hosts serialise with different naming policies; read case-insensitively, answer in camelCase.
            return JsonSerializer.Deserialize<T>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string OperationUrl(HttpContext context, string instanceId)
        => publicBaseUrl.For(context.Request, "/api/certificates/operations/" + Uri.EscapeDataString(instanceId));


    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();

    [LoggerMessage(Level = LogLevel.Information, Message = "Operation {InstanceId} cancelled through the API")]
    private static partial void LogCancelled(ILogger logger, string instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Certificate request for {Certificate}: started={Started}, operation {InstanceId}")]
    private static partial void LogStart(ILogger logger, CertificateRef certificate, bool started, string instanceId);
}
