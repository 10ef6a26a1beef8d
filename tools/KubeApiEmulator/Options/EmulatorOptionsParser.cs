using System.Globalization;
using KubeApiEmulator.Routing;

namespace KubeApiEmulator.Options;

/// <summary>Parses and checks the emulator's command line.</summary>
internal static class EmulatorOptionsParser
{
    /// <summary>The usage text printed with --help or after an error.</summary>
    public const string Usage = """
        Usage: KubeApiEmulator [options]
          --port <n>                HTTPS port of the Kubernetes API on 127.0.0.1 (default 0 = a free port)
          --front-port <n>          HTTP port of the ingress routing front on 127.0.0.1 (default 0 = a free port)
          --kubeconfig-out <path>   write a kubeconfig (server, CA data, token) for the running emulator
          --token <token>           bearer token clients must send (default: a random one)
          --tokens-file <path>      more users: lines of token,user,uid[,"group1,group2"] (kube-apiserver's
                                    --token-auth-file format); --token stays the admin (system:masters)
          --seed <file-or-dir>      YAML (multi-document) objects to create at start; repeatable
          --upstream <ns/svc=url>   upstream URL for a Service behind the front; repeatable
          --upstream-file <path>    lines of ns/svc=url (# starts a comment)
          --strict-upstream-tls     verify HTTPS upstream certificates (default: accept any)
          --ingress-nginx-strict-paths
                                    reject Exact/Prefix paths with characters other than [A-Za-z0-9_-/],
                                    as ingress-nginx's admission webhook does (strict-validate-path-type)
          --gateway-controller <name>
                                    a GatewayClass controllerName whose Gateways and HTTPRoutes the emulator
                                    programs and reports status for; repeatable
                                    (default: certfunctions.io/emulator-gateway-controller)
          --no-gateway-controller   act for no GatewayClass (Gateway API objects are stored, never programmed)
          --gateway-front-listener-port <n>
                                    the Gateway listener port the routing front port serves (default 80); HTTP
                                    and HTTPS listeners on other ports get servers of their own (below)
          --gateway-listener-port <listener>=<local>
                                    serve Gateway listener port <listener> (HTTP or HTTPS) on 127.0.0.1:<local>
                                    (0 = a free port); repeatable. Without it, ports below 1024 get a free port
                                    and others are bound as they are; GET /_emulator/listeners shows the ports
          --verbose                 log every request
          --help                    show this text
        """;

    /// <summary>Parses <paramref name="args"/>; returns null when only help was asked for.</summary>
    /// <exception cref="OptionsException">The command line is not valid.</exception>
    public static EmulatorOptions? Parse(IReadOnlyList<string> args)
    {
        var options = new EmulatorOptions();
        string? token = null;
        var controllers = new List<string>();
        var noController = false;
        for (var i = 0; i < args.Count; i++)
        {
            var argument = args[i];
            string? inlineValue = null;
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (argument.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                inlineValue = argument[(equals + 1)..];
                argument = argument[..equals];
            }

            string Value()
            {
                if (inlineValue is not null)
                {
                    return inlineValue;
                }

                if (i + 1 >= args.Count)
                {
                    throw new OptionsException($"{argument} needs a value.");
                }

                return args[++i];
            }

            switch (argument)
            {
                case "--help" or "-h":
                    return null;
                case "--port":
                    options.ApiPort = ParsePort(argument, Value());
                    break;
                case "--front-port":
                    options.FrontPort = ParsePort(argument, Value());
                    break;
                case "--kubeconfig-out":
                    options.KubeconfigOut = RequireNonEmpty(argument, Value());
                    break;
                case "--token":
                    token = ParseToken(Value());
                    break;
                case "--tokens-file":
                    options.TokensFile = File.Exists(Value()) ? Path.GetFullPath(args[i]) : throw new OptionsException($"--tokens-file: no such file '{args[i]}'.");
                    break;
                case "--seed":
                    options.SeedPaths.Add(ParseSeed(Value()));
                    break;
                case "--upstream":
                    AddUpstream(options, Value());
                    break;
                case "--upstream-file":
                    ReadUpstreamFile(options, Value());
                    break;
                case "--strict-upstream-tls":
                    options.InsecureUpstreamTls = false;
                    break;
                case "--ingress-nginx-strict-paths":
                    options.IngressNginxStrictPaths = true;
                    break;
                case "--gateway-controller":
                    controllers.Add(ParseControllerName(Value()));
                    break;
                case "--no-gateway-controller":
                    noController = true;
                    break;
                case "--gateway-front-listener-port":
                    options.GatewayFrontListenerPort = ParsePort(argument, Value());
                    if (options.GatewayFrontListenerPort == 0)
                    {
                        throw new OptionsException("--gateway-front-listener-port must be a port number from 1 to 65535.");
                    }

                    break;
                case "--gateway-listener-port":
                    AddListenerPort(options, Value());
                    break;
                case "--verbose":
                    options.Verbose = true;
                    break;
                default:
                    throw new OptionsException($"Unknown option '{args[i]}'.");
            }
        }

        if (noController && controllers.Count > 0)
        {
            throw new OptionsException("--no-gateway-controller cannot be combined with --gateway-controller.");
        }

        options.GatewayControllerNames.AddRange(noController ? [] : controllers.Count > 0 ? controllers : [DefaultGatewayController]);
        options.Token = token ?? Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        return options;
    }

    /// <summary>The controllerName the emulator acts for when none is given.</summary>
    public const string DefaultGatewayController = "certfunctions.io/emulator-gateway-controller";

    private static string ParseControllerName(string value)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(value, Validation.Gateway.GatewayApiPatterns.ControllerName, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            throw new OptionsException($"--gateway-controller '{value}' is not a controllerName (a domain-prefixed path such as example.com/gateway-controller).");
        }

        return value;
    }

    private static int ParsePort(string name, string value)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new OptionsException($"{name} must be a port number from 0 to 65535, not '{value}'.");
        }

        return port;
    }

    private static void AddListenerPort(EmulatorOptions options, string value)
    {
        var parts = value.Split('=');
        if (parts.Length != 2)
        {
            throw new OptionsException($"--gateway-listener-port '{value}' must be <listener port>=<local port>, for example 443=8443.");
        }

        var listener = ParsePort("--gateway-listener-port", parts[0]);
        if (listener == 0)
        {
            throw new OptionsException("--gateway-listener-port: the listener port must be from 1 to 65535.");
        }

        options.GatewayListenerPorts[listener] = ParsePort("--gateway-listener-port", parts[1]);
    }

    private static string RequireNonEmpty(string name, string value) =>
        string.IsNullOrWhiteSpace(value) ? throw new OptionsException($"{name} needs a non-empty value.") : value;

    private static string ParseToken(string value)
    {
        if (value.Length == 0 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' or '+' or '/' or '='))
        {
            throw new OptionsException("--token must be non-empty and use only letters, digits and -_.~+/=.");
        }

        return value;
    }

    private static string ParseSeed(string value)
    {
        if (!File.Exists(value) && !Directory.Exists(value))
        {
            throw new OptionsException($"--seed '{value}' is neither a file nor a folder.");
        }

        return value;
    }

    private static void AddUpstream(EmulatorOptions options, string value)
    {
        if (!UpstreamMap.TryParseEntry(value, out var key, out var url, out var error))
        {
            throw new OptionsException($"--upstream '{value}': {error}");
        }

        options.Upstreams[key] = url;
    }

    private static void ReadUpstreamFile(EmulatorOptions options, string path)
    {
        if (!File.Exists(path))
        {
            throw new OptionsException($"--upstream-file '{path}' does not exist.");
        }

        var lineNumber = 0;
        foreach (var rawLine in File.ReadLines(path))
        {
            lineNumber++;
            var line = rawLine.Split('#', 2)[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (!UpstreamMap.TryParseEntry(line, out var key, out var url, out var error))
            {
                throw new OptionsException($"{path}:{lineNumber}: {error}");
            }

            options.Upstreams[key] = url;
        }
    }
}
