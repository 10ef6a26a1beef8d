using System.Security.Cryptography;

namespace KubeApiEmulator.Objects;

/// <summary>Names for generateName: the prefix plus five characters from the real server's alphabet.</summary>
internal static class NameGenerator
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";
    private const int MaxPrefixLength = 63 - 5;

    /// <summary>A new name from <paramref name="prefix"/>.</summary>
    public static string Generate(string prefix)
    {
        if (prefix.Length > MaxPrefixLength)
        {
            prefix = prefix[..MaxPrefixLength];
        }

        return prefix + RandomNumberGenerator.GetString(Alphabet, 5);
    }
}
