using System.CommandLine;
using CertFunctions.Cli.Output;

namespace CertFunctions.Cli.Commands;

/// <summary>The options every command takes: where the API is, the key, the config file and the output format.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Url { get; } = new("--url") { Description = "Base URL of the app, e.g. https://certs.example.net (else $CERTFUNCTIONS_URL, else the config file)", Recursive = true };

    public Option<string?> Key { get; } = new("--key") { Description = "Function key, sent as x-functions-key (else $CERTFUNCTIONS_KEY, else the config file)", Recursive = true };

    public Option<string?> Config { get; } = new("--config") { Description = "JSON config file {\"url\": …, \"key\": …} (default $XDG_CONFIG_HOME/certfunctions/config.json)", Recursive = true };

    public Option<OutputFormat> Output { get; } = new("--output", "-o") { Description = "table or json", HelpName = "table|json", Recursive = true, DefaultValueFactory = _ => OutputFormat.Table };

    /// <summary>Adds every option to the root command.</summary>
    public void AddTo(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Options.Add(Url);
        root.Options.Add(Key);
        root.Options.Add(Config);
        root.Options.Add(Output);
    }
}
