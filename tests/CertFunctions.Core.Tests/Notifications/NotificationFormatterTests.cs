using System.Text;
using System.Text.Json.Nodes;
using CertFunctions.Core.Notifications;
using CertFunctions.Core.Orchestration;

namespace CertFunctions.Core.Tests.Notifications;

/// <summary>Each format's body for fixed events: the fields receivers read, stable names, no surprises.</summary>
public sealed class NotificationFormatterTests
{
    [Fact]
    public void CloudEvents_is_structured_mode_json_with_a_stable_type_id_and_the_event_data()
    {
        var body = new CloudEventsFormatter().Render(NotificationSamples.Renewed());

        Assert.StartsWith("application/cloudevents+json", body.ContentType, StringComparison.Ordinal);
        var json = Parse(body);
        Assert.Equal("1.0", (string?)json["specversion"]);
        Assert.Equal("io.certfunctions.certificate.renewed", (string?)json["type"]);
        Assert.Equal(NotificationSamples.Renewed().Id, (string?)json["id"]);
        Assert.Equal("/certfunctions/clusters/prod", (string?)json["source"]);
        Assert.Equal("shop/ingresses/web", (string?)json["subject"]);
        Assert.Equal("2026-12-05T06:00:00Z", (string?)json["time"]);
        Assert.Equal("application/json", (string?)json["datacontenttype"]);
        var data = json["data"]!.AsObject();
        Assert.Equal("renewed", (string?)data["event"]);
        Assert.Equal("Ingress", (string?)data["objectKind"]);
        Assert.Equal("0a1b2c", (string?)data["serial"]);
        Assert.Equal(["shop.example.com", "www.shop.example.com"], data["hosts"]!.AsArray().Select(h => (string?)h));
        Assert.Equal("default", (string?)data["issuer"]);
        Assert.False(data.ContainsKey("reason")); // nulls are left out
    }

    [Fact]
    public void CloudEvents_type_names_are_the_documented_ones()
    {
        Assert.Equal(
            ["io.certfunctions.certificate.issued", "io.certfunctions.certificate.renewed", "io.certfunctions.certificate.failed",
             "io.certfunctions.certificate.expiring", "io.certfunctions.challenge.cleanupfailed"],
            Enum.GetValues<NotificationKind>().Select(NotificationKinds.CloudEventType));
    }

    [Fact]
    public void The_same_event_gets_the_same_id_and_another_run_another()
    {
        Assert.Equal(NotificationSamples.Renewed().Id, NotificationSamples.Renewed().Id);
        var later = NotificationEvents.Failed(
            NotificationSamples.Certificate, NotificationSamples.Certificate.InstanceId, NotificationSamples.At.AddHours(1), [], null, "x", null, null);
        Assert.NotEqual(NotificationSamples.Failed().Id, later.Id);
    }

    [Fact]
    public void Slack_has_fallback_text_a_header_the_reason_escaped_and_the_next_attempt()
    {
        var body = new SlackFormatter().Render(NotificationSamples.Failed());

        Assert.StartsWith("application/json", body.ContentType, StringComparison.Ordinal);
        var json = Parse(body);
        Assert.StartsWith(":x: Certificate issuance failed: prod/shop/web", (string?)json["text"], StringComparison.Ordinal);
        var blocks = json["blocks"]!.AsArray();
        Assert.Equal(["header", "section", "section", "context"], blocks.Select(b => (string?)b!["type"]));
        Assert.Equal("plain_text", (string?)blocks[0]!["text"]!["type"]);
        var summary = (string)blocks[1]!["text"]!["text"]!;
        Assert.Contains("urn:ietf:params:acme:error:connection &lt;127.0.0.2&gt;", summary, StringComparison.Ordinal);
        Assert.Contains("Next attempt: 2026-12-05 08:00:00Z", summary, StringComparison.Ordinal);
        var fields = blocks[2]!["fields"]!.AsArray().Select(f => (string?)f!["text"]).ToList();
        Assert.Contains("*Secret*\nweb-tls", fields);
        Assert.Contains("*Next attempt*\n2026-12-05 08:00:00Z", fields);
    }

    [Fact]
    public void Teams_is_a_message_with_one_adaptive_card_attachment()
    {
        var body = new TeamsFormatter().Render(NotificationSamples.Renewed());

        var json = Parse(body);
        Assert.Equal("message", (string?)json["type"]);
        var attachment = Assert.Single(json["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        var card = attachment["content"]!;
        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.4", (string?)card["version"]);
        var cardBody = card["body"]!.AsArray();
        Assert.Equal("Certificate renewed: prod/shop/web", (string?)cardBody[0]!["text"]);
        Assert.Equal("Good", (string?)cardBody[0]!["color"]);
        Assert.Contains("valid until 2027-03-05 06:00:00Z", (string?)cardBody[1]!["text"], StringComparison.Ordinal);
        var facts = cardBody[2]!["facts"]!.AsArray().ToDictionary(f => (string)f!["title"]!, f => (string?)f!["value"]);
        Assert.Equal("Ingress shop/web", facts["Object"]);
        Assert.Equal("shop.example.com, www.shop.example.com", facts["Hosts"]);
        Assert.Equal("0a1b2c", facts["Serial"]);
    }

    [Theory]
    [InlineData(IssuanceReason.Requested, NotificationKind.Issued)]
    [InlineData(IssuanceReason.Discovered, NotificationKind.Issued)]
    [InlineData(IssuanceReason.Renewal, NotificationKind.Renewed)]
    [InlineData(IssuanceReason.Forced, NotificationKind.Renewed)]
    [InlineData(IssuanceReason.IssuerChanged, NotificationKind.Renewed)]
    public void A_success_is_issued_or_renewed_as_the_kubernetes_event_says(IssuanceReason reason, NotificationKind expected)
    {
        var renewed = NotificationSamples.Renewed();
        var result = new IssuanceResult(
            renewed.Certificate, renewed.Hosts, "web-tls", "01", renewed.At, renewed.At.AddDays(90), "CN=R11", renewed.At.AddDays(60), new Uri("https://ca.example/o"));
        Assert.Equal(expected, NotificationEvents.Succeeded(result, reason, "i", renewed.At).Kind);
    }

    private static JsonObject Parse(NotificationBody body) => JsonNode.Parse(Encoding.UTF8.GetString(body.Content.Span))!.AsObject();
}
