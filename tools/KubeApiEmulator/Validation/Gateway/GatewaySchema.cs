using KubeApiEmulator.Schema.Crd;
using static KubeApiEmulator.Schema.Crd.CrdSchemaBuilder;
using static KubeApiEmulator.Validation.Gateway.CelFunctions;

namespace KubeApiEmulator.Validation.Gateway;

/// <summary>The spec schema of gateway.networking.k8s.io/v1 Gateway (standard channel v1.2), with its CEL rules.</summary>
internal static class GatewaySchema
{
    /// <summary>The status a Gateway gets before a controller writes one (the CRD's status default).</summary>
    public const string StatusDefault = """{"conditions":[{"lastTransitionTime":"1970-01-01T00:00:00Z","message":"Waiting for controller","reason":"Pending","status":"Unknown","type":"Accepted"},{"lastTransitionTime":"1970-01-01T00:00:00Z","message":"Waiting for controller","reason":"Pending","status":"Unknown","type":"Programmed"}]}""";

    private static readonly string[] PlainProtocols = ["HTTP", "TCP", "UDP"];

    private static readonly CrdSchema Tls = Obj(
            ("certificateRefs", Arr(Obj(
                ("group", GatewayApiRefs.Group.Defaults("\"\"")),
                ("kind", GatewayApiRefs.Kind.Defaults("\"Secret\"")),
                ("name", GatewayApiRefs.Name),
                ("namespace", GatewayApiRefs.Namespace)).Requires("name"), 64)),
            ("mode", Enum("Terminate", "Passthrough").Defaults("\"Terminate\"")),
            ("options", StrMap(16, 4096)))
        .Rule("certificateRefs or options must be specified when mode is Terminate",
            self => Text(self, "mode") != "Terminate" || Size(self, "certificateRefs") > 0 || Size(self, "options") > 0);

    private static readonly CrdSchema AllowedRoutes = Obj(
            ("kinds", Arr(Obj(("group", GatewayApiRefs.Group.Defaults("\"gateway.networking.k8s.io\"")), ("kind", GatewayApiRefs.Kind)).Requires("kind"), 8)),
            ("namespaces", Obj(
                ("from", Enum("All", "Selector", "Same").Defaults("\"Same\"")),
                ("selector", GatewayApiRefs.LabelSelector)).Defaults("""{"from":"Same"}""")))
        .Defaults("""{"namespaces":{"from":"Same"}}""");

    private static readonly CrdSchema Listener = Obj(
            ("allowedRoutes", AllowedRoutes),
            ("hostname", Str(253, 1, GatewayApiPatterns.Hostname)),
            ("name", Str(253, 1, GatewayApiPatterns.Subdomain)),
            ("port", GatewayApiRefs.Port),
            ("protocol", Str(255, 1, GatewayApiPatterns.Protocol)),
            ("tls", Tls))
        .Requires("name", "port", "protocol");

    private static readonly CrdSchema Listeners = Arr(Listener, 64, 1).MapList("name")
        .Rule("tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']",
            self => Items(self).All(l => !PlainProtocols.Contains(Text(l, "protocol")) || !Has(l, "tls")))
        .Rule("tls mode must be Terminate for protocol HTTPS",
            self => Items(self).All(l => !(Text(l, "protocol") == "HTTPS" && Has(l, "tls")) || Text(l["tls"], "mode") is "" or "Terminate"))
        .Rule("hostname must not be specified for protocols ['TCP', 'UDP']",
            self => Items(self).All(l => Text(l, "protocol") is not ("TCP" or "UDP") || Text(l, "hostname").Length == 0))
        .Rule("Listener name must be unique within the Gateway",
            self => Items(self).All(l1 => Items(self).Count(l2 => Text(l1, "name") == Text(l2, "name")) == 1))
        .Rule("Combination of port, protocol and hostname must be unique for each listener",
            self => Items(self).All(l1 => Items(self).Count(l2 => Same(l1, l2, "port") && Text(l1, "protocol") == Text(l2, "protocol") && SameOptional(l1, l2, "hostname")) == 1));

    private static readonly CrdSchema Address = Obj(
            ("type", Str(253, 1, GatewayApiPatterns.AddressType).Defaults("\"IPAddress\"")),
            ("value", Str(253, 1)))
        .Requires("value")
        .Rule(@"Hostname value must only contain valid characters (matching ^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)",
            self => Text(self, "type") != "Hostname" || System.Text.RegularExpressions.Regex.IsMatch(Text(self, "value"), GatewayApiPatterns.Hostname, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)));

    /// <summary>spec.</summary>
    public static CrdSchema Spec { get; } = Obj(
            ("addresses", Arr(Address, 16)
                .Rule("IPAddress values must be unique", self => UniqueValues(self, "IPAddress"))
                .Rule("Hostname values must be unique", self => UniqueValues(self, "Hostname"))),
            ("gatewayClassName", Str(253, 1)),
            ("infrastructure", Obj(("annotations", StrMap(8, 4096)), ("labels", StrMap(8, 63)), ("parametersRef", GatewayApiRefs.ParametersRef))),
            ("listeners", Listeners))
        .Requires("gatewayClassName", "listeners");

    private static bool UniqueValues(System.Text.Json.Nodes.JsonNode self, string type) =>
        Items(self).All(a1 => Text(a1, "type") != type || Items(self).Count(a2 => Text(a2, "type") == type && Text(a2, "value") == Text(a1, "value")) == 1);
}
