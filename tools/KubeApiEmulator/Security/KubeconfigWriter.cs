using System.Text;

namespace KubeApiEmulator.Security;

/// <summary>Writes a kubeconfig that points a client at the emulator: server URL, CA data and bearer token.</summary>
internal static class KubeconfigWriter
{
    /// <summary>The name used for the cluster, user and context.</summary>
    public const string ContextName = "kube-api-emulator";

    /// <summary>The kubeconfig text.</summary>
    public static string Render(Uri server, string authorityPem, string token)
    {
        var caData = Convert.ToBase64String(Encoding.ASCII.GetBytes(authorityPem));
        return $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {{ContextName}}
              cluster:
                server: {{server.GetLeftPart(UriPartial.Authority)}}
                certificate-authority-data: {{caData}}
            users:
            - name: {{ContextName}}
              user:
                token: "{{token}}"
            contexts:
            - name: {{ContextName}}
              context:
                cluster: {{ContextName}}
                user: {{ContextName}}
                namespace: default
            current-context: {{ContextName}}
            preferences: {}

            """;
    }

    /// <summary>Writes the kubeconfig to <paramref name="path"/> (readable by the owner only), atomically.</summary>
    public static async Task WriteAsync(string path, Uri server, string authorityPem, string token, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, Render(server, authorityPem, token), cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
