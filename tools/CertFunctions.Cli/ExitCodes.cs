namespace CertFunctions.Cli;

/// <summary>The exit codes scripts can rely on.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked (an awaited operation completed).</summary>
    public const int Done = 0;

    /// <summary>The server refused or failed the request, or an awaited operation failed or was cancelled.</summary>
    public const int Failed = 1;

    /// <summary>The command line, the configuration or the request's input is wrong.</summary>
    public const int BadUsage = 2;

    /// <summary>The operation, Ingress or Gateway does not exist.</summary>
    public const int NotFound = 3;
}
