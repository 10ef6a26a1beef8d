using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CertFunctions.Testing.Kubernetes;

namespace KubeApiEmulator.Tests.GatewayApi;

/// <summary>Raw API calls with Gateway API objects: the status codes and messages a server with the v1.2 CRDs gives.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class GatewayValidationTests(KubeApiEmulatorFixture emulator)
{
    private const string GatewayPath = "/apis/gateway.networking.k8s.io/v1/namespaces/{0}/gateways";
    private const string RoutePath = "/apis/gateway.networking.k8s.io/v1/namespaces/{0}/httproutes";

    [Fact]
    public async Task An_unknown_path_type_is_an_unsupported_value()
    {
        var (status, body) = await CreateRouteAsync("""{"rules":[{"matches":[{"path":{"type":"Regex","value":"/x"}}]}]}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("Invalid", (string?)body["reason"]);
        Assert.Equal("HTTPRoute.gateway.networking.k8s.io \"bad\" is invalid: [spec.rules[0].matches[0].path.type: Unsupported value: \"Regex\": supported values: \"Exact\", \"PathPrefix\", \"RegularExpression\", <nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation]", (string?)body["message"]);
        Assert.Equal("FieldValueNotSupported", (string?)body["details"]!["causes"]![0]!["reason"]);
        Assert.Equal("spec.rules[0].matches[0].path.type", (string?)body["details"]!["causes"]![0]!["field"]);
    }

    [Fact]
    public async Task A_redirect_with_backendRefs_breaks_the_rule_cel_validation()
    {
        var (status, body) = await CreateRouteAsync("""
            {"rules":[{"filters":[{"type":"RequestRedirect","requestRedirect":{"scheme":"https"}}],"backendRefs":[{"name":"web","port":80}]}]}
            """);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("HTTPRoute.gateway.networking.k8s.io \"bad\" is invalid: spec.rules[0]: Invalid value: \"object\": RequestRedirect filter must not be used together with backendRefs", (string?)body["message"]);
    }

    [Fact]
    public async Task Duplicate_listener_names_are_refused_by_the_list_map_and_the_cel_rule()
    {
        var (status, body) = await CreateGatewayAsync("""
            {"gatewayClassName":"x","listeners":[{"name":"web","port":80,"protocol":"HTTP"},{"name":"web","port":8080,"protocol":"HTTP"}]}
            """);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("spec.listeners[1]: Duplicate value: map[string]interface {}{\"name\":\"web\"}", (string?)body["message"], StringComparison.Ordinal);
        Assert.Contains("spec.listeners: Invalid value: \"array\": Listener name must be unique within the Gateway", (string?)body["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"name":"web","port":0,"protocol":"HTTP"}""", "spec.listeners[0].port: Invalid value: 0: spec.listeners[0].port in body should be greater than or equal to 1")]
    [InlineData("""{"name":"web","port":70000,"protocol":"HTTP"}""", "spec.listeners[0].port: Invalid value: 70000: spec.listeners[0].port in body should be less than or equal to 65535")]
    [InlineData("""{"name":"web","port":"80","protocol":"HTTP"}""", "spec.listeners[0].port: Invalid value: \"string\": spec.listeners[0].port in body must be of type integer: \"string\"")]
    [InlineData("""{"name":"web","port":80}""", "spec.listeners[0].protocol: Required value")]
    [InlineData("""{"name":"Web_1","port":80,"protocol":"HTTP"}""", "spec.listeners[0].name: Invalid value: \"Web_1\": spec.listeners[0].name in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'")]
    [InlineData("""{"name":"web","port":80,"protocol":"HTTP","hostname":"www.*.example.com"}""", "spec.listeners[0].hostname: Invalid value: \"www.*.example.com\": spec.listeners[0].hostname in body should match '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'")]
    [InlineData("""{"name":"web","port":443,"protocol":"HTTPS","tls":{"mode":"Terminate"}}""", "spec.listeners[0].tls: Invalid value: \"object\": certificateRefs or options must be specified when mode is Terminate")]
    [InlineData("""{"name":"web","port":80,"protocol":"HTTP","tls":{"certificateRefs":[{"name":"cert"}]}}""", "spec.listeners: Invalid value: \"array\": tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']")]
    public async Task Listener_fields_are_checked_with_the_crd_messages(string listener, string expected)
    {
        var (status, body) = await CreateGatewayAsync($$"""{"gatewayClassName":"x","listeners":[{{listener}}]}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(expected, (string?)body["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wildcard_listener_hostname_and_a_terminate_listener_with_a_certificate_are_valid()
    {
        var (status, body) = await CreateGatewayAsync("""
            {"gatewayClassName":"x","listeners":[{"name":"web","port":443,"protocol":"HTTPS","hostname":"*.example.com","tls":{"certificateRefs":[{"name":"cert"}]}}]}
            """);

        Assert.Equal(HttpStatusCode.Created, status);
        var listener = body["spec"]!["listeners"]![0]!;
        Assert.Equal("Terminate", (string?)listener["tls"]!["mode"]);
        Assert.Equal("Secret", (string?)listener["tls"]!["certificateRefs"]![0]!["kind"]);
        Assert.Equal("Same", (string?)listener["allowedRoutes"]!["namespaces"]!["from"]);
    }

    [Theory]
    [InlineData(17, 1, "spec.rules: Too many: 17: must have at most 16 items")]
    [InlineData(3, 64, "spec.rules: Invalid value: \"array\": While 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must be less than 128")]
    [InlineData(1, 65, "spec.rules[0].matches: Too many: 65: must have at most 64 items")]
    public async Task Rule_and_match_counts_are_limited(int rules, int matchesPerRule, string expected)
    {
        var match = new JsonObject { ["path"] = new JsonObject { ["type"] = "PathPrefix", ["value"] = "/" } };
        var rule = new JsonObject { ["matches"] = new JsonArray([.. Enumerable.Range(0, matchesPerRule).Select(_ => match.DeepClone())]) };
        var spec = new JsonObject { ["rules"] = new JsonArray([.. Enumerable.Range(0, rules).Select(_ => rule.DeepClone())]) };

        var (status, body) = await CreateRouteAsync(spec.ToJsonString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(expected, (string?)body["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_than_32_parentRefs_are_too_many()
    {
        var parents = new JsonArray([.. Enumerable.Range(0, 33).Select(i => (JsonNode)new JsonObject { ["name"] = "gw", ["sectionName"] = $"s{i}" })]);

        var (status, body) = await CreateRouteAsync(new JsonObject { ["parentRefs"] = parents }.ToJsonString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("HTTPRoute.gateway.networking.k8s.io \"bad\" is invalid: spec.parentRefs: Too many: 33: must have at most 32 items", (string?)body["message"]);
    }

    [Theory]
    [InlineData("""{"hostnames":["Bad_Host"]}""", "spec.hostnames[0]: Invalid value: \"Bad_Host\": spec.hostnames[0] in body should match '^(\\*\\.)?")]
    [InlineData("""{"rules":[{"matches":[{"path":{"type":"Exact","value":"no-slash"}}]}]}""", "spec.rules[0].matches[0].path: Invalid value: \"object\": value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']")]
    [InlineData("""{"rules":[{"filters":[{"type":"RequestRedirect"}]}]}""", "spec.rules[0].filters[0]: Invalid value: \"object\": filter.requestRedirect must be specified for RequestRedirect filter.type")]
    [InlineData("""{"rules":[{"filters":[{"type":"URLRewrite","urlRewrite":{}},{"type":"RequestRedirect","requestRedirect":{}}]}]}""", "spec.rules[0].filters: Invalid value: \"array\": May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both")]
    [InlineData("""{"rules":[{"filters":[{"type":"RequestRedirect","requestRedirect":{"statusCode":303}}]}]}""", "spec.rules[0].filters[0].requestRedirect.statusCode: Unsupported value: 303: supported values: \"301\", \"302\"")]
    [InlineData("""{"rules":[{"filters":[{"type":"RequestHeaderModifier","requestHeaderModifier":{"set":[{"name":"X-A"}]}}]}]}""", "spec.rules[0].filters[0].requestHeaderModifier.set[0].value: Required value")]
    [InlineData("""{"rules":[{"matches":[{"path":{"type":"PathPrefix","value":"/a"}},{"path":{"type":"PathPrefix","value":"/b"}}],"filters":[{"type":"URLRewrite","urlRewrite":{"path":{"type":"ReplacePrefixMatch","replacePrefixMatch":"/c"}}}]}]}""", "spec.rules[0]: Invalid value: \"object\": When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified")]
    [InlineData("""{"rules":[{"backendRefs":[{"name":"web"}]}]}""", "spec.rules[0].backendRefs[0]: Invalid value: \"object\": Must have port for Service reference")]
    [InlineData("""{"parentRefs":[{"name":"gw"},{"name":"gw","sectionName":"a"}]}""", "spec.parentRefs: Invalid value: \"array\": sectionName must be specified when parentRefs includes 2 or more references to the same parent")]
    public async Task Route_fields_are_checked_with_the_crd_messages(string spec, string expected)
    {
        var (status, body) = await CreateRouteAsync(spec);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(expected, (string?)body["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_route_gets_the_crd_defaults()
    {
        var (status, body) = await CreateRouteAsync("""{"parentRefs":[{"name":"gw"}],"rules":[{"backendRefs":[{"name":"web","port":80}],"filters":[{"type":"RequestRedirect","requestRedirect":{}}]}]}""".Replace("\"backendRefs\":[{\"name\":\"web\",\"port\":80}],", string.Empty, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"group":"gateway.networking.k8s.io","kind":"Gateway","name":"gw"}"""), body["spec"]!["parentRefs"]![0]), body.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"path":{"type":"PathPrefix","value":"/"}}]"""), body["spec"]!["rules"]![0]!["matches"]), body.ToJsonString());
        Assert.Equal(302, (int)body["spec"]!["rules"]![0]!["filters"]![0]!["requestRedirect"]!["statusCode"]!);
        Assert.Equal(1, (long)body["metadata"]!["generation"]!);
    }

    [Fact]
    public async Task Create_drops_status_and_a_new_gateway_waits_for_its_controller()
    {
        var ns = await emulator.CreateNamespaceAsync("gwstatus");
        var gateway = JsonNode.Parse("""
            {"apiVersion":"gateway.networking.k8s.io/v1","kind":"Gateway","metadata":{"name":"edge"},
             "spec":{"gatewayClassName":"nobody-controls-this","listeners":[{"name":"web","port":80,"protocol":"HTTP"}]},
             "status":{"addresses":[{"value":"10.0.0.1"}]}}
            """)!;

        using var response = await emulator.ApiClient.PostAsync(Uri(GatewayPath, ns), Json(gateway.ToJsonString()));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Null(body["status"]!["addresses"]);
        Assert.Equal("""[{"lastTransitionTime":"1970-01-01T00:00:00Z","message":"Waiting for controller","reason":"Pending","status":"Unknown","type":"Accepted"},{"lastTransitionTime":"1970-01-01T00:00:00Z","message":"Waiting for controller","reason":"Pending","status":"Unknown","type":"Programmed"}]""",
            body["status"]!["conditions"]!.ToJsonString());
    }

    [Fact]
    public async Task A_custom_resource_is_written_with_its_keys_sorted_as_go_maps_are()
    {
        var (status, body) = await CreateRouteAsync("""{"rules":[{"matches":[{"path":{"value":"/a","type":"Exact"}}]}],"parentRefs":[{"name":"gw"}]}""", name: "sorted");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(["apiVersion", "kind", "metadata", "spec"], body.AsObject().Select(p => p.Key));
        Assert.Equal(["creationTimestamp", "generation", "managedFields", "name", "namespace", "uid"], body["metadata"]!.AsObject().Select(p => p.Key).Where(k => k != "resourceVersion"));
        Assert.Equal(["parentRefs", "rules"], body["spec"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["type", "value"], body["spec"]!["rules"]![0]!["matches"]![0]!["path"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Strategic_merge_patch_is_415_with_the_custom_resource_media_types()
    {
        var (_, created) = await CreateRouteAsync("""{"parentRefs":[{"name":"gw"}]}""", name: "smp");
        var ns = (string)created["metadata"]!["namespace"]!;
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(Uri(RoutePath, ns), "smp"))
        {
            Content = new StringContent("""{"spec":{"hostnames":["a.example.test"]}}""", Encoding.UTF8, "application/strategic-merge-patch+json"),
        };
        request.Content.Headers.ContentType!.CharSet = null;

        using var response = await emulator.ApiClient.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("UnsupportedMediaType", (string?)body["reason"]);
        Assert.Equal("the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml", (string?)body["message"]);
    }

    [Fact]
    public async Task Merge_patch_bumps_generation_on_spec_changes_only()
    {
        var (_, created) = await CreateRouteAsync("""{"parentRefs":[{"name":"gw"}]}""", name: "gen");
        var ns = (string)created["metadata"]!["namespace"]!;

        var labelled = await PatchRouteAsync(ns, "gen", """{"metadata":{"labels":{"a":"b"}}}""");
        var changed = await PatchRouteAsync(ns, "gen", """{"spec":{"hostnames":["gen.example.test"]}}""");

        Assert.Equal(1, (long)labelled["metadata"]!["generation"]!);
        Assert.Equal(2, (long)changed["metadata"]!["generation"]!);
    }

    [Fact]
    public async Task Update_needs_the_current_resourceVersion_and_keeps_the_stored_status()
    {
        var (_, created) = await CreateRouteAsync("""{"parentRefs":[{"name":"gw"}]}""", name: "put");
        var ns = (string)created["metadata"]!["namespace"]!;
        var stale = created.DeepClone();
        stale["metadata"]!["resourceVersion"] = "1";
        var current = created.DeepClone();
        current["spec"]!["hostnames"] = new JsonArray("put.example.test");
        current["status"] = new JsonObject { ["parents"] = new JsonArray() };

        using var conflict = await emulator.ApiClient.PutAsync(new Uri(Uri(RoutePath, ns), "put"), Json(stale.ToJsonString()));
        var conflictBody = JsonNode.Parse(await conflict.Content.ReadAsStringAsync())!;
        using var updated = await emulator.ApiClient.PutAsync(new Uri(Uri(RoutePath, ns), "put"), Json(current.ToJsonString()));
        var updatedBody = JsonNode.Parse(await updated.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("Operation cannot be fulfilled on httproutes.gateway.networking.k8s.io \"put\": the object has been modified; please apply your changes to the latest version and try again", (string?)conflictBody["message"]);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(2, (long)updatedBody["metadata"]!["generation"]!);
        Assert.Null(updatedBody["status"]);
    }

    [Fact]
    public async Task Delete_collection_removes_the_selected_routes()
    {
        var ns = await emulator.CreateNamespaceAsync("gwdelcol");
        foreach (var (name, team) in new[] { ("a", "x"), ("b", "y") })
        {
            using var created = await emulator.ApiClient.PostAsync(Uri(RoutePath, ns),
                Json($$$"""{"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"{{{name}}}","labels":{"team":"{{{team}}}"}},"spec":{}}"""));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var deleted = await emulator.ApiClient.DeleteAsync(new Uri(Uri(RoutePath, ns) + "?labelSelector=team%3Dx"));
        var remaining = JsonNode.Parse(await emulator.ApiClient.GetStringAsync(Uri(RoutePath, ns)))!;
        using var missing = await emulator.ApiClient.GetAsync(new Uri(Uri(RoutePath, ns), "a"));
        var missingBody = JsonNode.Parse(await missing.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(["b"], remaining["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("httproutes.gateway.networking.k8s.io \"a\" not found", (string?)missingBody["message"]);
    }

    [Fact]
    public async Task The_controllerName_of_a_class_is_immutable()
    {
        var name = "immutable-" + Guid.NewGuid().ToString("N")[..8];
        using var created = await emulator.ApiClient.PostAsync(new Uri(emulator.ApiUri, "/apis/gateway.networking.k8s.io/v1/gatewayclasses"),
            Json($$$"""{"apiVersion":"gateway.networking.k8s.io/v1","kind":"GatewayClass","metadata":{"name":"{{{name}}}"},"spec":{"controllerName":"example.com/one"}}"""));
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(emulator.ApiUri, "/apis/gateway.networking.k8s.io/v1/gatewayclasses/" + name))
        {
            Content = MergePatch("""{"spec":{"controllerName":"example.com/two"}}"""),
        };

        using var response = await emulator.ApiClient.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal($"GatewayClass.gateway.networking.k8s.io \"{name}\" is invalid: spec.controllerName: Invalid value: \"string\": Value is immutable", (string?)body["message"]);
    }

    [Theory]
    [InlineData("Warn", HttpStatusCode.Created, "299 - \"unknown field \\\"spec.color\\\"\"")]
    [InlineData("Ignore", HttpStatusCode.Created, null)]
    [InlineData("Strict", HttpStatusCode.BadRequest, null)]
    public async Task Unknown_fields_follow_the_field_validation_level(string level, HttpStatusCode expected, string? warning)
    {
        var ns = await emulator.CreateNamespaceAsync("gwfields");
        var route = """{"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"web"},"spec":{"color":"blue"}}""";

        using var response = await emulator.ApiClient.PostAsync(new Uri(Uri(RoutePath, ns) + "?fieldValidation=" + level), Json(route));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(warning, response.Headers.TryGetValues("Warning", out var values) ? values.Single() : null);
        if (expected == HttpStatusCode.Created)
        {
            Assert.Null(body["spec"]!["color"]);
        }
        else
        {
            Assert.Equal("HTTPRoute in version \"v1\" cannot be handled as a HTTPRoute: strict decoding error: unknown field \"spec.color\"", (string?)body["message"]);
        }
    }

    [Fact]
    public async Task Routes_list_with_label_selectors_and_pages()
    {
        var ns = await emulator.CreateNamespaceAsync("gwlist");
        foreach (var (name, team) in new[] { ("a", "x"), ("b", "y"), ("c", "x") })
        {
            using var created = await emulator.ApiClient.PostAsync(Uri(RoutePath, ns),
                Json($$$"""{"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"{{{name}}}","labels":{"team":"{{{team}}}"}},"spec":{}}"""));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var selected = JsonNode.Parse(await emulator.ApiClient.GetStringAsync(Uri(RoutePath, ns) + "?labelSelector=team%3Dx"))!;
        var firstPage = JsonNode.Parse(await emulator.ApiClient.GetStringAsync(Uri(RoutePath, ns) + "?limit=2"))!;
        var secondPage = JsonNode.Parse(await emulator.ApiClient.GetStringAsync(Uri(RoutePath, ns) + "?limit=2&continue=" + System.Uri.EscapeDataString((string)firstPage["metadata"]!["continue"]!)))!;

        Assert.Equal("HTTPRouteList", (string?)selected["kind"]);
        Assert.Equal(["a", "c"], selected["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!));
        Assert.Equal(["a", "b"], firstPage["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!));
        Assert.Equal(["c"], secondPage["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!));
    }

    [Fact]
    public async Task The_audit_names_gateway_requests_as_rbac_does()
    {
        var (_, created) = await CreateRouteAsync("""{"parentRefs":[{"name":"gw"}]}""", name: "audited");
        var ns = (string)created["metadata"]!["namespace"]!;
        await PatchRouteAsync(ns, "audited", """{"spec":{"hostnames":["audit.example.test"]}}""");
        using var status = new HttpRequestMessage(HttpMethod.Patch, new Uri(Uri(RoutePath, ns), "audited/status")) { Content = MergePatch("""{"status":{"parents":[]}}""") };
        using var statusResponse = await emulator.ApiClient.SendAsync(status);

        var audit = await emulator.GetAuditAsync();

        Assert.Contains(audit, a => a is { Verb: "create", Group: "gateway.networking.k8s.io", Resource: "httproutes", Subresource: "", Code: 201 } && a.Namespace == ns);
        Assert.Contains(audit, a => a is { Verb: "patch", Group: "gateway.networking.k8s.io", Resource: "httproutes", Subresource: "", Name: "audited" } && a.Namespace == ns);
        Assert.Contains(audit, a => a is { Verb: "patch", Resource: "httproutes", Subresource: "status", Name: "audited" } && a.Namespace == ns);
    }

    private async Task<(HttpStatusCode Status, JsonNode Body)> CreateRouteAsync(string spec, string name = "bad")
    {
        var ns = await emulator.CreateNamespaceAsync("gwvalid");
        var route = $$"""{"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"{{name}}"},"spec":{{spec}}}""";
        using var response = await emulator.ApiClient.PostAsync(Uri(RoutePath, ns), Json(route));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private async Task<(HttpStatusCode Status, JsonNode Body)> CreateGatewayAsync(string spec)
    {
        var ns = await emulator.CreateNamespaceAsync("gwvalid");
        var gateway = $$"""{"apiVersion":"gateway.networking.k8s.io/v1","kind":"Gateway","metadata":{"name":"bad"},"spec":{{spec}}}""";
        using var response = await emulator.ApiClient.PostAsync(Uri(GatewayPath, ns), Json(gateway));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private async Task<JsonNode> PatchRouteAsync(string ns, string name, string patch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(Uri(RoutePath, ns), name)) { Content = MergePatch(patch) };
        using var response = await emulator.ApiClient.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!;
    }

    private Uri Uri(string template, string ns) => new(emulator.ApiUri, string.Format(System.Globalization.CultureInfo.InvariantCulture, template, ns) + "/");

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static StringContent MergePatch(string text)
    {
        var content = new StringContent(text, Encoding.UTF8, "application/merge-patch+json");
        content.Headers.ContentType!.CharSet = null;
        return content;
    }
}
