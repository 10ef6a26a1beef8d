using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Routing;
using CertFunctions.Core.Tests.Kubernetes.Support;
using k8s.Models;

namespace CertFunctions.Core.Tests.Kubernetes.Discovery;

public sealed class IngressCertificateSpecBuilderTests
{
    private static readonly CertificateRef Web = new("default", "apps", "web");
    private static readonly ChallengeRoutingOptions Defaults = new();

    [Fact]
    public void Hosts_come_from_rules_distinct_lowercase_in_order()
    {
        var ingress = Ingresses.Create(hosts: ["www.example.com", "API.example.com", "www.example.com", null]);

        var spec = IngressCertificateSpecBuilder.Build(Web, ingress, Defaults);

        Assert.Equal(["www.example.com", "api.example.com"], spec.Hosts);
    }

    [Fact]
    public void Hosts_come_from_spec_tls_when_no_rule_has_a_host()
    {
        var ingress = Ingresses.Create(hosts: [null], tls: [new V1IngressTLS { Hosts = ["a.example.com", "b.example.com"], SecretName = "ab" }]);

        var spec = IngressCertificateSpecBuilder.Build(Web, ingress, Defaults);

        Assert.Equal(["a.example.com", "b.example.com"], spec.Hosts);
        Assert.Equal("ab", spec.SecretName);
    }

    [Fact]
    public void Secret_name_prefers_annotation_then_tls_entry_then_ingress_tls()
    {
        var withTls = Ingresses.Create(tls: [new V1IngressTLS { Hosts = ["other.example.com"], SecretName = "other" }, new V1IngressTLS { Hosts = ["www.example.com"], SecretName = "www-cert" }]);
        var withAnnotation = Ingresses.Create(annotations: new Dictionary<string, string> { ["certfunctions.io/secret-name"] = "chosen" }, tls: withTls.Spec.Tls);

        Assert.Equal("www-cert", IngressCertificateSpecBuilder.Build(Web, withTls, Defaults).SecretName);
        Assert.Equal("chosen", IngressCertificateSpecBuilder.Build(Web, withAnnotation, Defaults).SecretName);
        Assert.Equal("web-tls", IngressCertificateSpecBuilder.Build(Web, Ingresses.Create(), Defaults).SecretName);
    }

    [Fact]
    public void App_defaults_apply_unless_annotated()
    {
        var defaults = new ChallengeRoutingOptions { Routing = RoutingStrategy.SolverIngress, SolverPreset = SolverPreset.IngressNginx };
        var annotated = Ingresses.Create(annotations: new Dictionary<string, string> { ["certfunctions.io/routing"] = "in-place", ["certfunctions.io/key-type"] = "ecdsa-p384" });

        var plain = IngressCertificateSpecBuilder.Build(Web, Ingresses.Create(className: "nginx"), defaults);
        var overridden = IngressCertificateSpecBuilder.Build(Web, annotated, defaults);

        Assert.Equal(RoutingStrategy.SolverIngress, plain.Routing);
        Assert.Equal(SolverPreset.IngressNginx, plain.SolverPreset);
        Assert.Equal("nginx", plain.IngressClassName);
        Assert.Null(plain.KeyType);
        Assert.Equal(RoutingStrategy.InPlace, overridden.Routing);
        Assert.Equal(CertificateKeyType.EcdsaP384, overridden.KeyType);
    }

    [Fact]
    public void Legacy_ingress_class_annotation_is_the_class_when_spec_has_none()
    {
        var ingress = Ingresses.Create(annotations: new Dictionary<string, string> { ["kubernetes.io/ingress.class"] = "azure/application-gateway" });

        Assert.Equal("azure/application-gateway", IngressCertificateSpecBuilder.Build(Web, ingress, Defaults).IngressClassName);
    }

    [Theory]
    [InlineData("*.example.com", "wildcard")]
    [InlineData("10.0.0.1", "IP address")]
    [InlineData("localhost", "not a valid DNS name")]
    [InlineData("bad_name.example.com", "not a valid DNS name")]
    public void Names_http01_cannot_validate_are_rejected_with_the_reason(string host, string reason)
    {
        var ingress = Ingresses.Create(hosts: ["ok.example.com", host]);

        var ex = Assert.Throws<InvalidIngressConfigurationException>(() => IngressCertificateSpecBuilder.Build(Web, ingress, Defaults));

        Assert.Contains(host, ex.Message);
        Assert.Contains(reason, ex.Message);
        Assert.Contains("apps/web", ex.Message);
    }

    [Fact]
    public void More_than_100_names_are_rejected()
    {
        var ingress = Ingresses.Create(hosts: Enumerable.Range(0, 101).Select(i => $"h{i}.example.com"));

        var ex = Assert.Throws<InvalidIngressConfigurationException>(() => IngressCertificateSpecBuilder.Build(Web, ingress, Defaults));

        Assert.Contains("101 host names", ex.Message);
    }

    [Fact]
    public void An_ingress_without_hosts_is_rejected()
    {
        var ingress = Ingresses.Create(hosts: [null]);

        var ex = Assert.Throws<InvalidIngressConfigurationException>(() => IngressCertificateSpecBuilder.Build(Web, ingress, Defaults));

        Assert.Contains("no host names", ex.Message);
    }

    [Fact]
    public void Spec_round_trips_through_json_as_an_activity_result()
    {
        var spec = IngressCertificateSpecBuilder.Build(Web, Ingresses.Create(), Defaults) with { KeyType = CertificateKeyType.Rsa2048 };

        var json = System.Text.Json.JsonSerializer.Serialize(spec);
        var back = System.Text.Json.JsonSerializer.Deserialize<IngressCertificateSpec>(json)!;

        Assert.Contains("\"Rsa2048\"", json);
        Assert.Equal(spec.Certificate, back.Certificate);
        Assert.Equal(spec.Hosts, back.Hosts);
        Assert.Equal(spec with { Hosts = back.Hosts }, back);
    }

    [Fact]
    public void Long_ingress_names_give_valid_label_values()
    {
        var name = new string('a', 70) + "-web";

        var value = LabelValue.ForName(name);

        Assert.True(value.Length <= 63);
        Assert.NotEqual(LabelValue.ForName(name + "x"), value);
        Assert.Equal("short", LabelValue.ForName("short"));
    }

    [Fact]
    public void A_preset_that_rewrites_the_host_is_refused_while_the_responder_checks_hosts()
    {
        var ingress = Ingresses.Create(annotations: new Dictionary<string, string>
        {
            [CertFunctionsAnnotations.Routing] = "solver-ingress",
            [CertFunctionsAnnotations.SolverPreset] = "ingress-nginx",
        });

        var error = Assert.Throws<InvalidIngressConfigurationException>(() => IngressCertificateSpecBuilder.Build(Web, ingress, Defaults, requireKnownHost: true));

        Assert.Contains("Responder:RequireKnownHost", error.Message, StringComparison.Ordinal);
        Assert.Contains("certfunctions.io/solver-preset: plain", error.Message, StringComparison.Ordinal);
        Assert.Equal(RoutingStrategy.SolverIngress, IngressCertificateSpecBuilder.Build(Web, ingress, Defaults, requireKnownHost: false).Routing);
    }
}
