namespace KubeApiEmulator.Security;

/// <summary>
/// Tokens from a file in kube-apiserver's --token-auth-file format: one <c>token,user,uid[,"group1,group2"]</c> per line.
/// Every user it names is also in system:authenticated, as the real authenticator adds.
/// </summary>
internal static class StaticTokens
{
    /// <summary>Reads the file; an empty dictionary when <paramref name="path"/> is null.</summary>
    /// <exception cref="InvalidOperationException">A line has fewer than three fields.</exception>
    public static Dictionary<string, UserInfo> Load(string? path)
    {
        var tokens = new Dictionary<string, UserInfo>(StringComparer.Ordinal);
        if (path is null)
        {
            return tokens;
        }

        var number = 0;
        foreach (var line in File.ReadAllLines(path))
        {
            number++;
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            var fields = SplitCsv(text);
            if (fields.Count < 3 || fields[0].Length == 0 || fields[1].Length == 0)
            {
                throw new InvalidOperationException($"{path}:{number}: expected token,user,uid[,\"groups\"]");
            }

            var groups = fields.Count > 3
                ? fields[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
                : [];
            if (!groups.Contains(UserInfo.Authenticated))
            {
                groups.Add(UserInfo.Authenticated);
            }

            tokens[fields[0]] = new UserInfo(fields[1], fields[2], groups);
        }

        return tokens;
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString().Trim());
        return fields;
    }
}
