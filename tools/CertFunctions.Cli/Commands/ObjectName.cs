using System.CommandLine;

namespace CertFunctions.Cli.Commands;

/// <summary>The <c>NAMESPACE/NAME</c> argument of request and renew.</summary>
/// <param name="Namespace">The namespace.</param>
/// <param name="Name">The Ingress (or Gateway) name.</param>
internal sealed record ObjectName(string Namespace, string Name)
{
    /// <summary>An argument that accepts only <c>NAMESPACE/NAME</c>; anything else is a parse error (exit 2).</summary>
    public static Argument<ObjectName> Argument(string description) => new("NAMESPACE/NAME")
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (TryParse(text) is { } name)
            {
                return name;
            }

            result.AddError($"'{text}' is not NAMESPACE/NAME, e.g. shop/web.");
            return null;
        },
    };

    /// <summary>Splits <c>ns/name</c>; null when either part is empty or there are more slashes.</summary>
    public static ObjectName? TryParse(string text)
    {
        var parts = text.Split('/');
        return parts is [{ Length: > 0 } ns, { Length: > 0 } name] ? new ObjectName(ns, name) : null;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Namespace}/{Name}";
}
