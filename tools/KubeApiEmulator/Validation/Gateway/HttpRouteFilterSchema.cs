using System.Text.Json.Nodes;
using KubeApiEmulator.Schema.Crd;
using static KubeApiEmulator.Schema.Crd.CrdSchemaBuilder;
using static KubeApiEmulator.Validation.Gateway.CelFunctions;

namespace KubeApiEmulator.Validation.Gateway;

/// <summary>The schema of HTTPRoute filters (rule filters and backendRef filters share it), with their CEL rules.</summary>
internal static class HttpRouteFilterSchema
{
    private static readonly (string Field, string Type)[] Members =
    [
        ("requestHeaderModifier", "RequestHeaderModifier"), ("responseHeaderModifier", "ResponseHeaderModifier"),
        ("requestMirror", "RequestMirror"), ("requestRedirect", "RequestRedirect"), ("urlRewrite", "URLRewrite"), ("extensionRef", "ExtensionRef"),
    ];

    private static readonly CrdSchema HeaderValue = Obj(("name", Str(256, 1, GatewayApiPatterns.HeaderName)), ("value", Str(4096, 1))).Requires("name", "value");

    private static readonly CrdSchema HeaderModifier = Obj(
        ("add", Arr(HeaderValue, 16).MapList("name")),
        ("remove", Arr(Str(), 16)),
        ("set", Arr(HeaderValue, 16).MapList("name")));

    private static readonly CrdSchema PathModifier = Obj(
            ("replaceFullPath", Str(1024)),
            ("replacePrefixMatch", Str(1024)),
            ("type", Enum("ReplaceFullPath", "ReplacePrefixMatch")))
        .Requires("type")
        .Rule("replaceFullPath must be specified when type is set to 'ReplaceFullPath'", self => Text(self, "type") != "ReplaceFullPath" || Has(self, "replaceFullPath"))
        .Rule("type must be 'ReplaceFullPath' when replaceFullPath is set", self => !Has(self, "replaceFullPath") || Text(self, "type") == "ReplaceFullPath")
        .Rule("replacePrefixMatch must be specified when type is set to 'ReplacePrefixMatch'", self => Text(self, "type") != "ReplacePrefixMatch" || Has(self, "replacePrefixMatch"))
        .Rule("type must be 'ReplacePrefixMatch' when replacePrefixMatch is set", self => !Has(self, "replacePrefixMatch") || Text(self, "type") == "ReplacePrefixMatch");

    private static readonly CrdSchema Hostname = Str(253, 1, GatewayApiPatterns.Subdomain);

    /// <summary>A backend reference (backendRefs items and the mirror target), with the Service port rule.</summary>
    public static CrdSchema BackendRef(params (string Name, CrdSchema Schema)[] extra) => Obj([
            ("group", GatewayApiRefs.Group.Defaults("\"\"")),
            ("kind", GatewayApiRefs.Kind.Defaults("\"Service\"")),
            ("name", GatewayApiRefs.Name),
            ("namespace", GatewayApiRefs.Namespace),
            ("port", GatewayApiRefs.Port),
            .. extra])
        .Requires("name")
        .Rule("Must have port for Service reference", self => !(Text(self, "group").Length == 0 && Text(self, "kind") == "Service") || Has(self, "port"));

    /// <summary>One filter.</summary>
    public static CrdSchema Filter { get; } = FilterRules(Obj(
            ("extensionRef", Obj(("group", GatewayApiRefs.Group), ("kind", GatewayApiRefs.Kind), ("name", GatewayApiRefs.Name)).Requires("group", "kind", "name")),
            ("requestHeaderModifier", HeaderModifier),
            ("requestMirror", Obj(("backendRef", BackendRef())).Requires("backendRef")),
            ("requestRedirect", Obj(
                ("hostname", Hostname),
                ("path", PathModifier),
                ("port", GatewayApiRefs.Port),
                ("scheme", Enum("http", "https")),
                ("statusCode", new CrdSchema(CrdType.Integer) { Enum = [JsonNode.Parse("301")!, JsonNode.Parse("302")!] }.Defaults("302")))),
            ("responseHeaderModifier", HeaderModifier),
            ("type", Enum("RequestHeaderModifier", "ResponseHeaderModifier", "RequestMirror", "RequestRedirect", "URLRewrite", "ExtensionRef")),
            ("urlRewrite", Obj(("hostname", Hostname), ("path", PathModifier))))
        .Requires("type"));

    /// <summary>A list of filters with the list rules.</summary>
    public static CrdSchema List { get; } = Arr(Filter, 16)
        .Rule("May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both",
            self => !(Items(self).Any(f => Text(f, "type") == "RequestRedirect") && Items(self).Any(f => Text(f, "type") == "URLRewrite")))
        .Rule("RequestHeaderModifier filter cannot be repeated", self => Items(self).Count(f => Text(f, "type") == "RequestHeaderModifier") <= 1)
        .Rule("ResponseHeaderModifier filter cannot be repeated", self => Items(self).Count(f => Text(f, "type") == "ResponseHeaderModifier") <= 1)
        .Rule("RequestRedirect filter cannot be repeated", self => Items(self).Count(f => Text(f, "type") == "RequestRedirect") <= 1)
        .Rule("URLRewrite filter cannot be repeated", self => Items(self).Count(f => Text(f, "type") == "URLRewrite") <= 1);

    private static CrdSchema FilterRules(CrdSchema filter)
    {
        foreach (var (field, type) in Members)
        {
            filter = filter
                .Rule($"filter.{field} must be nil if the filter.type is not {type}", self => !(Has(self, field) && Text(self, "type") != type))
                .Rule($"filter.{field} must be specified for {type} filter.type", self => !(!Has(self, field) && Text(self, "type") == type));
        }

        return filter;
    }
}
