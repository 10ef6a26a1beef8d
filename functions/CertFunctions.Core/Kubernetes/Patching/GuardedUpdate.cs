using System.Net;
using CertFunctions.Core.Kubernetes.Errors;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Core.Kubernetes.Patching;

/// <summary>Read-modify-write with a resourceVersion-guarded JSON patch, re-read and retried when someone else wrote first.</summary>
internal static class GuardedUpdate
{
    /// <summary>
    /// Reads the object, lets <paramref name="change"/> describe the edit as JSON-patch operations, and applies them
    /// guarded by a <c>test</c> of the resourceVersion. On a lost race (409, or 422 with a changed resourceVersion)
    /// the object is read again and the edit recomputed, at most <paramref name="maxAttempts"/> times.
    /// </summary>
    /// <returns>The object after the write, or as read when <paramref name="change"/> had nothing to do; null when the object is missing and <paramref name="change"/> was never called.</returns>
    public static async Task<T?> RunAsync<T>(
        string description,
        Func<CancellationToken, Task<T?>> read,
        Func<T, JsonPatch, Task> change,
        Func<V1Patch, CancellationToken, Task<T>> write,
        int maxAttempts,
        ILogger logger,
        CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await read(cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return null;
            }

            var patch = new JsonPatch().Test("/metadata/resourceVersion", current.Metadata.ResourceVersion);
            await change(current, patch).ConfigureAwait(false);
            if (!patch.HasChanges)
            {
                return current;
            }

            try
            {
                return await KubernetesCall.RunAsync(
                    () => write(new V1Patch(patch.ToString(), V1Patch.PatchType.JsonPatch), cancellationToken),
                    $"update {description}",
                    cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesOperationException ex) when (KubernetesCall.StatusOf(ex) is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity)
            {
                if (KubernetesCall.StatusOf(ex) == HttpStatusCode.UnprocessableEntity)
                {
                    // A failed JSON-patch test is 422 on a real API server; tell it apart from a genuine validation error.
                    var again = await read(cancellationToken).ConfigureAwait(false);
                    if (again is not null && again.Metadata.ResourceVersion == current.Metadata.ResourceVersion)
                    {
                        throw;
                    }
                }

                KubernetesLog.WriteConflict(logger, description, attempt, maxAttempts);
                if (attempt >= maxAttempts)
                {
                    throw new KubernetesConflictException(description, attempt);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(20, 60) * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
