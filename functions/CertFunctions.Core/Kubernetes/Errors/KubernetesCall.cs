using System.Net;
using System.Text.Json;
using k8s.Autorest;

namespace CertFunctions.Core.Kubernetes.Errors;

/// <summary>Runs Kubernetes API calls and turns client failures into <see cref="KubernetesApiException"/> (permanent) or <see cref="KubernetesApiUnavailableException"/> (transient).</summary>
internal static class KubernetesCall
{
    /// <summary>Runs <paramref name="call"/>; failures become an API exception naming <paramref name="action"/>.</summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, string action, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (HttpOperationException ex)
        {
            throw Translate(ex, action);
        }
        catch (HttpRequestException ex)
        {
            throw new KubernetesApiUnavailableException($"Could not {action}: the Kubernetes API was not reachable ({ex.Message}).", null, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KubernetesApiUnavailableException($"Could not {action}: the Kubernetes API did not answer in time.", null, ex);
        }
    }

    /// <summary>Like <see cref="RunAsync{T}"/> but answers null when the object does not exist (404).</summary>
    public static async Task<T?> RunOrNullAsync<T>(Func<Task<T>> call, string action, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await RunAsync(call, action, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The HTTP status of an API error raised by <see cref="RunAsync{T}"/>, or null.</summary>
    public static HttpStatusCode? StatusOf(Exception exception) => exception switch
    {
        KubernetesApiException permanent => permanent.StatusCode,
        KubernetesApiUnavailableException transient => transient.StatusCode,
        _ => null,
    };

    private static KubernetesOperationException Translate(HttpOperationException ex, string action)
    {
        var status = ex.Response?.StatusCode;
        var detail = StatusMessage(ex.Response?.Content);
        var hint = status switch
        {
            HttpStatusCode.Unauthorized => " Check the cluster credentials (Kubernetes:Clusters:<name>:...).",
            HttpStatusCode.Forbidden => " Check that the identity is bound to the CertFunctions role (infra/k8s/rbac.yaml).",
            _ => string.Empty,
        };
        var message = $"Could not {action}: the Kubernetes API answered {(int?)status} {status}" + (detail is null ? "." : $": {detail}") + hint;
        return KubernetesApiUnavailableException.IsTransientStatus(status)
            ? new KubernetesApiUnavailableException(message, status, ex)
            : new KubernetesApiException(message, status, ex);
    }

    private static string? StatusMessage(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(content);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String)
            {
                var text = message.GetString() ?? string.Empty;
                return text.Length > 500 ? text[..500] + "…" : text;
            }
        }
        catch (JsonException)
        {
            // Not a Status object; say nothing rather than echo an unknown body.
        }

        return null;
    }
}
