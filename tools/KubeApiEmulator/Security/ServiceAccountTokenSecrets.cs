using System.Text;
using System.Text.Json.Nodes;
using KubeApiEmulator.Discovery;
using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Security;

/// <summary>
/// The token controller's part for legacy token Secrets: a <c>kubernetes.io/service-account-token</c> Secret naming an
/// existing service account gets <c>data.token</c> (a non-expiring token of that account), <c>data.namespace</c> and the
/// account's uid annotation when it is written. Runs inside writes, under the store's lock.
/// </summary>
internal sealed class ServiceAccountTokenSecrets(ObjectStore store, ServiceAccountTokens tokens)
{
    private const string NameAnnotation = "kubernetes.io/service-account.name";
    private const string UidAnnotation = "kubernetes.io/service-account.uid";
    private const long HundredYears = 100L * 365 * 24 * 3600;

    /// <summary>Fills in the token of a service-account-token Secret that has none yet.</summary>
    public void Populate(JsonObject secret)
    {
        if (secret.GetString("type") != "kubernetes.io/service-account-token" || secret.Get("data", "token") is not null)
        {
            return;
        }

        var metadata = secret.Metadata();
        var ns = metadata.GetString("namespace") ?? string.Empty;
        var name = metadata["annotations"].GetString(NameAnnotation);
        if (string.IsNullOrEmpty(name) || store.Get(AccessResources.ServiceAccounts.StorageName, StorageKeys.For(ns, name)) is not StoredObject account)
        {
            // The real controller leaves such a Secret without a token (and later deletes it).
            return;
        }

        var (token, _) = tokens.Issue(ns, name, account.Uid, [ServiceAccountTokens.DefaultAudience], HundredYears);
        metadata.GetOrAddObject("annotations")[UidAnnotation] = account.Uid;
        var data = secret.GetOrAddObject("data");
        data["namespace"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(ns));
        data["token"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(token));
    }
}
