using System.Text.RegularExpressions;

namespace KubeApiEmulator.Validation;

/// <summary>The name checks of k8s.io/apimachinery/pkg/util/validation, with the same messages.</summary>
internal static partial class NameRules
{
    private const string Dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123SubdomainFormat = Dns1123LabelFormat + "(\\." + Dns1123LabelFormat + ")*";
    private const string Dns1035LabelFormat = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string LabelValueFormat = "(" + QualifiedNameFormat + ")?";
    private const string ConfigKeyFormat = "[-._a-zA-Z0-9]+";

    /// <summary>Messages for an RFC 1123 label (63 characters at most).</summary>
    public static List<string> Dns1123Label(string value)
    {
        var errors = new List<string>();
        if (value.Length > 63)
        {
            errors.Add("must be no more than 63 characters");
        }

        if (!Dns1123LabelRegex().IsMatch(value))
        {
            errors.Add("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '" + Dns1123LabelFormat + "')");
        }

        return errors;
    }

    /// <summary>Messages for an RFC 1123 subdomain (253 characters at most).</summary>
    public static List<string> Dns1123Subdomain(string value)
    {
        var errors = new List<string>();
        if (value.Length > 253)
        {
            errors.Add("must be no more than 253 characters");
        }

        if (!Dns1123SubdomainRegex().IsMatch(value))
        {
            errors.Add("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '" + Dns1123SubdomainFormat + "')");
        }

        return errors;
    }

    /// <summary>Messages for a wildcard subdomain such as *.example.com.</summary>
    public static List<string> WildcardDns1123Subdomain(string value)
    {
        var errors = new List<string>();
        if (value.Length > 253)
        {
            errors.Add("must be no more than 253 characters");
        }

        if (!WildcardRegex().IsMatch(value))
        {
            errors.Add("a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\." + Dns1123SubdomainFormat + "')");
        }

        return errors;
    }

    /// <summary>Messages for an RFC 1035 label (Service names).</summary>
    public static List<string> Dns1035Label(string value)
    {
        var errors = new List<string>();
        if (value.Length > 63)
        {
            errors.Add("must be no more than 63 characters");
        }

        if (!Dns1035LabelRegex().IsMatch(value))
        {
            errors.Add("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '" + Dns1035LabelFormat + "')");
        }

        return errors;
    }

    /// <summary>Messages for a label or annotation key (optional DNS prefix, then a name of 63 characters at most).</summary>
    public static List<string> QualifiedName(string value)
    {
        var errors = new List<string>();
        var parts = value.Split('/');
        string name;
        if (parts.Length == 1)
        {
            name = parts[0];
        }
        else if (parts.Length == 2)
        {
            var prefix = parts[0];
            name = parts[1];
            if (prefix.Length == 0)
            {
                errors.Add("prefix part must be non-empty");
            }
            else
            {
                errors.AddRange(Dns1123Subdomain(prefix).Select(m => "prefix part " + m));
            }
        }
        else
        {
            errors.Add("a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '" + QualifiedNameFormat + "') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errors;
        }

        if (name.Length == 0)
        {
            errors.Add("name part must be non-empty");
        }
        else if (name.Length > 63)
        {
            errors.Add("name part must be no more than 63 characters");
        }

        if (name.Length > 0 && !QualifiedNameRegex().IsMatch(name))
        {
            errors.Add("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '" + QualifiedNameFormat + "')");
        }

        return errors;
    }

    /// <summary>Messages for a label value.</summary>
    public static List<string> LabelValue(string value)
    {
        var errors = new List<string>();
        if (value.Length > 63)
        {
            errors.Add("must be no more than 63 characters");
        }

        if (!LabelValueRegex().IsMatch(value))
        {
            errors.Add("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '" + LabelValueFormat + "')");
        }

        return errors;
    }

    /// <summary>Messages for a Secret or ConfigMap data key.</summary>
    public static List<string> ConfigKey(string value)
    {
        var errors = new List<string>();
        if (value.Length > 253)
        {
            errors.Add("must be no more than 253 characters");
        }

        if (!ConfigKeyRegex().IsMatch(value))
        {
            errors.Add("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '" + ConfigKeyFormat + "')");
        }

        if (value is "." or "..")
        {
            errors.Add($"must not be '{value}'");
        }
        else if (value.StartsWith("..", StringComparison.Ordinal))
        {
            errors.Add("must not start with '..'");
        }

        return errors;
    }

    /// <summary>Messages for a named port (IANA service name).</summary>
    public static List<string> PortName(string value)
    {
        var errors = new List<string>();
        if (value.Length > 15)
        {
            errors.Add("must be no more than 15 characters");
        }

        if (!PortNameCharsRegex().IsMatch(value))
        {
            errors.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }

        if (!value.Any(char.IsAsciiLetter))
        {
            errors.Add("must contain at least one letter (a-z)");
        }

        if (value.Contains("--", StringComparison.Ordinal))
        {
            errors.Add("must not contain consecutive hyphens");
        }

        if (value.Length > 0 && (value[0] == '-' || value[^1] == '-'))
        {
            errors.Add("must not begin or end with a hyphen");
        }

        return errors;
    }

    /// <summary>True for an IPv4 or IPv6 address literal.</summary>
    public static bool IsIpAddress(string value) => System.Net.IPAddress.TryParse(value, out _) && (value.Contains(':', StringComparison.Ordinal) || value.Count(c => c == '.') == 3);

    [GeneratedRegex("^" + Dns1123LabelFormat + "$")]
    private static partial Regex Dns1123LabelRegex();

    [GeneratedRegex("^" + Dns1123SubdomainFormat + "$")]
    private static partial Regex Dns1123SubdomainRegex();

    [GeneratedRegex("^\\*\\." + Dns1123SubdomainFormat + "$")]
    private static partial Regex WildcardRegex();

    [GeneratedRegex("^" + Dns1035LabelFormat + "$")]
    private static partial Regex Dns1035LabelRegex();

    [GeneratedRegex("^" + QualifiedNameFormat + "$")]
    private static partial Regex QualifiedNameRegex();

    [GeneratedRegex("^" + LabelValueFormat + "$")]
    private static partial Regex LabelValueRegex();

    [GeneratedRegex("^" + ConfigKeyFormat + "$")]
    private static partial Regex ConfigKeyRegex();

    [GeneratedRegex("^[-a-z0-9]+$")]
    private static partial Regex PortNameCharsRegex();
}
