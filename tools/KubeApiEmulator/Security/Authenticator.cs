using System.Security.Cryptography;
using System.Text;
using KubeApiEmulator.Api;
using KubeApiEmulator.Discovery;
using KubeApiEmulator.Options;
using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Security;

/// <summary>
/// Bearer-token authentication: the --token is the administrator (system:masters), the tokens file names more users,
/// and TokenRequest tokens are their service accounts. No token is system:anonymous; an unknown token is 401.
/// </summary>
internal sealed class Authenticator(EmulatorOptions options, ServiceAccountTokens serviceAccountTokens, ObjectStore store)
{
    private readonly byte[] _admin = Encoding.UTF8.GetBytes(options.Token);
    private readonly Dictionary<string, UserInfo> _static = StaticTokens.Load(options.TokensFile);

    /// <summary>The user of <paramref name="request"/>.</summary>
    /// <exception cref="StatusException">401 Unauthorized for a token no authenticator accepts.</exception>
    public UserInfo Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return UserInfo.Anonymous;
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            throw StatusObjects.Unauthorized();
        }

        var token = header["Bearer ".Length..].Trim();
        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), _admin))
        {
            return UserInfo.Admin;
        }

        if (_static.TryGetValue(token, out var user))
        {
            return user;
        }

        if (serviceAccountTokens.Find(token) is var (ns, name, uid) && ServiceAccountUid(ns, name) == uid)
        {
            return UserInfo.ForServiceAccount(ns, name, uid);
        }

        throw StatusObjects.Unauthorized();
    }

    // A bound token dies with its service account: a new account of the same name has another uid.
    private string? ServiceAccountUid(string ns, string name)
    {
        lock (store.Gate)
        {
            return store.Get(AccessResources.ServiceAccounts.StorageName, StorageKeys.For(ns, name))?.Uid;
        }
    }
}
