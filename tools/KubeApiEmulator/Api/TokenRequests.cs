using System.Globalization;
using System.Text.Json.Nodes;
using KubeApiEmulator.Discovery;
using KubeApiEmulator.Security;
using KubeApiEmulator.Storage;
using KubeApiEmulator.Validation;

namespace KubeApiEmulator.Api;

/// <summary>POST serviceaccounts/{name}/token: issues a bound token for an existing service account, as TokenRequest does.</summary>
internal static class TokenRequests
{
    private const long DefaultExpirationSeconds = 3600;

    /// <summary>Answers the TokenRequest in <paramref name="body"/> for the service account of <paramref name="request"/>.</summary>
    /// <exception cref="StatusException">404 for a missing service account, 422 for a lifetime under 10 minutes.</exception>
    public static JsonObject Create(ApiRequest request, JsonObject body, ObjectStore store, ServiceAccountTokens tokens)
    {
        StoredObject account;
        lock (store.Gate)
        {
            account = store.Get(AccessResources.ServiceAccounts.StorageName, StorageKeys.For(request.Namespace, request.Name))
                ?? throw StatusObjects.NotFound(AccessResources.ServiceAccounts, request.Name);
        }

        var spec = body["spec"] as JsonObject ?? [];
        var expiration = spec["expirationSeconds"] is JsonValue value && value.TryGetValue<long>(out var seconds) ? seconds : DefaultExpirationSeconds;
        if (expiration < 600)
        {
            throw InvalidStatus.Create("authentication.k8s.io", "TokenRequest", request.Name,
                [FieldError.Invalid("spec.expirationSeconds", expiration, "may not specify a duration less than 10 minutes")]);
        }

        var audiences = (spec["audiences"] as JsonArray ?? []).Select(a => a?.ToString() ?? string.Empty).Where(a => a.Length > 0).ToList();
        if (audiences.Count == 0)
        {
            audiences.Add(ServiceAccountTokens.DefaultAudience);
        }

        var (token, expires) = tokens.Issue(request.Namespace, request.Name, account.Uid, audiences, expiration);
        return new JsonObject
        {
            ["kind"] = "TokenRequest",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject { ["name"] = request.Name, ["namespace"] = request.Namespace, ["creationTimestamp"] = null },
            ["spec"] = new JsonObject
            {
                ["audiences"] = new JsonArray([.. audiences.Select(a => (JsonNode)a)]),
                ["expirationSeconds"] = expiration,
                ["boundObjectRef"] = spec["boundObjectRef"]?.DeepClone(),
            },
            ["status"] = new JsonObject
            {
                ["token"] = token,
                ["expirationTimestamp"] = expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            },
        };
    }
}
