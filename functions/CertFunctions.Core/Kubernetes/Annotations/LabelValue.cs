using System.Security.Cryptography;
using System.Text;

namespace CertFunctions.Core.Kubernetes.Annotations;

/// <summary>Turns object names into valid label values (at most 63 characters).</summary>
public static class LabelValue
{
    private const int MaxLength = 63;

    /// <summary>The name itself when it fits, else a shortened prefix plus a hash of the whole name.</summary>
    public static string ForName(string name)
    {
        if (name.Length <= MaxLength)
        {
            return name;
        }

        var prefix = name[..(MaxLength - 11)].TrimEnd('-', '.');
        return $"{prefix}-{ShortHash(name)}";
    }

    /// <summary>Ten lowercase hex characters of the SHA-256 of <paramref name="text"/>.</summary>
    public static string ShortHash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..10];
}
