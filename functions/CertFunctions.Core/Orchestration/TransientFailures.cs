using System.Collections.Concurrent;
using CertFunctions.Acme.Errors;
using CertFunctions.Core.Kubernetes.Errors;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration;

/// <summary>Decides which activity failures are worth retrying: network, 5xx, conflicts after their own retries, timeouts.</summary>
/// <remarks>
/// Configuration and input errors (bad annotations, unknown Ingress, Secret not ours, invalid authorization) are
/// permanent: retrying them only burns the CA's failed-validation limit and delays the error the user needs to see.
/// </remarks>
public static class TransientFailures
{
    private static readonly Type[] TransientTypes =
    [
        typeof(TransientKubernetesException),
        typeof(AcmeServerUnavailableException),
        typeof(AcmeBadNonceException),
        typeof(AcmeTimeoutException),
        typeof(HttpRequestException),
        typeof(TimeoutException),
        typeof(TaskCanceledException),
        typeof(IOException),
        typeof(Storage.TransientStorageException),
    ];

    private static readonly ConcurrentDictionary<string, Type?> TypesByName = new(StringComparer.Ordinal);

    /// <summary>True when the failure (or its inner failure) is of a transient kind.</summary>
    public static bool IsTransient(TaskFailureDetails failure)
    {
        for (var current = failure; current is not null; current = current.InnerFailure)
        {
            var type = Resolve(current.ErrorType);
            if (type is not null && TransientTypes.Any(t => t.IsAssignableFrom(type)))
            {
                return true;
            }
        }

        return false;
    }

    private static Type? Resolve(string typeName)
        => TypesByName.GetOrAdd(typeName, static name =>
            Type.GetType(name, throwOnError: false)
            ?? AppDomain.CurrentDomain.GetAssemblies()
                .Select(a => a.GetType(name, throwOnError: false))
                .FirstOrDefault(t => t is not null));
}
