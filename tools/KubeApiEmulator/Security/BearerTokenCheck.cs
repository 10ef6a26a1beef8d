using System.Security.Cryptography;
using System.Text;

namespace KubeApiEmulator.Security;

/// <summary>Bearer-token authentication: the one configured token, compared in constant time.</summary>
internal sealed class BearerTokenCheck(string token)
{
    private readonly byte[] _expected = Encoding.UTF8.GetBytes("Bearer " + token);

    /// <summary>True when the request carries the token.</summary>
    public bool IsAuthenticated(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header), _expected);
    }
}
