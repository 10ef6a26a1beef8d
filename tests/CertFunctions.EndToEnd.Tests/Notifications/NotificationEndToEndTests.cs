using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CertFunctions.EndToEnd.Tests.Issuance;
using CertFunctions.Testing.Webhooks;

namespace CertFunctions.EndToEnd.Tests.Notifications;

/// <summary>
/// Real issuances (Pebble, the emulator, Azurite, the local host) notify a real HTTP receiver in every format; a
/// receiver that is down delays nothing and gets the event once it is back; a 4xx is not retried, and what a webhook
/// did not take is kept until it is redelivered.
/// </summary>
[Collection(NotificationWorldCollection.Name)]
public sealed class NotificationEndToEndTests(NotificationWorldFixture fixture)
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task An_issuance_notifies_each_webhook_in_its_format_with_no_key_material()
    {
        var world = fixture.World;
        var host = "issued.notify.example.test";
        var ns = await E2E.SeedIngressAsync(world, "web", [host]);

        var final = await E2E.WaitForOperationAsync(fixture.Host, await E2E.RequestAsync(fixture.Host, ns, "web"));
        Assert.Equal("Completed", (string?)final["status"]);

        var cloudEvent = await fixture.Receiver.WaitForAsync(r => r.Path == "/cloudevents" && r.Body.Contains(ns, StringComparison.Ordinal), DeliveryTimeout);
        Assert.StartsWith("application/cloudevents+json", cloudEvent.ContentType, StringComparison.Ordinal);
        var json = cloudEvent.Json;
        Assert.Equal("1.0", (string?)json["specversion"]);
        Assert.Equal("io.certfunctions.certificate.issued", (string?)json["type"]);
        Assert.Equal("/certfunctions/clusters/default", (string?)json["source"]);
        Assert.Equal($"{ns}/ingresses/web", (string?)json["subject"]);
        Assert.Equal("application/json", (string?)json["datacontenttype"]);
        Assert.Matches("^[0-9a-f]{32}$", (string?)json["id"]);
        var data = json["data"]!.AsObject();
        Assert.Equal("issued", (string?)data["event"]);
        Assert.Equal([host], data["hosts"]!.AsArray().Select(h => (string?)h));
        Assert.Equal("web-tls", (string?)data["secretName"]);
        var secret = await E2E.GetJsonAsync(world, "get", "secret", "web-tls", "-n", ns);
        var annotations = secret["metadata"]!["annotations"]!.AsObject();
        Assert.False(string.IsNullOrEmpty((string?)data["serial"]));
        Assert.True(DateTimeOffset.Parse((string)data["notAfter"]!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow);
        Assert.NotNull(annotations);

        var slack = (await fixture.Receiver.WaitForAsync(r => r.Path == "/slack" && r.Body.Contains(ns, StringComparison.Ordinal), DeliveryTimeout)).Json;
        Assert.Contains("Certificate issued", (string?)slack["text"], StringComparison.Ordinal);
        var blocks = slack["blocks"]!.AsArray();
        Assert.Equal("header", (string?)blocks[0]!["type"]);
        Assert.Contains($"default/{ns}/web", (string?)blocks[0]!["text"]!["text"], StringComparison.Ordinal);
        Assert.Contains(host, (string?)blocks[1]!["text"]!["text"], StringComparison.Ordinal);
        Assert.Contains(blocks[2]!["fields"]!.AsArray(), f => ((string?)f!["text"])!.Contains("web-tls", StringComparison.Ordinal));

        var teams = (await fixture.Receiver.WaitForAsync(r => r.Path == "/teams" && r.Body.Contains(ns, StringComparison.Ordinal), DeliveryTimeout)).Json;
        Assert.Equal("message", (string?)teams["type"]);
        var attachment = Assert.Single(teams["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        var card = attachment["content"]!;
        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Contains($"Certificate issued: default/{ns}/web", (string?)card["body"]![0]!["text"], StringComparison.Ordinal);
        var facts = card["body"]![2]!["facts"]!.AsArray();
        Assert.Contains(facts, f => (string?)f!["title"] == "Secret" && (string?)f["value"] == "web-tls");

        // No body carries the private key or the certificate itself.
        var key = (string)secret["data"]!["tls.key"]!;
        var pem = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(key));
        foreach (var body in fixture.Receiver.Received.Where(r => r.Body.Contains(ns, StringComparison.Ordinal)).Select(r => r.Body))
        {
            Assert.DoesNotContain("PRIVATE KEY", body, StringComparison.Ordinal);
            Assert.DoesNotContain(key[..40], body, StringComparison.Ordinal);
            Assert.DoesNotContain(pem.Split('\n')[1], body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_failed_issuance_notifies_the_reason_and_the_next_attempt()
    {
        var world = fixture.World;
        const string host = "down.notify.example.test";
        // The CA resolves this name to an address where nothing listens: its validation fails.
        using (var dns = new HttpClient())
        {
            using var added = await dns.PostAsJsonAsync(
                $"http://127.0.0.1:{world.Pebble.DnsManagementPort}/add-a", new { host, addresses = new[] { "127.0.0.2" } });
            Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        }

        var ns = await E2E.SeedIngressAsync(world, "down", [host]);
        var final = await E2E.WaitForOperationAsync(fixture.Host, await E2E.RequestAsync(fixture.Host, ns, "down"));
        Assert.Equal("Failed", (string?)final["status"]);

        var json = (await fixture.Receiver.WaitForAsync(r => r.Path == "/cloudevents" && r.Body.Contains(ns, StringComparison.Ordinal), DeliveryTimeout)).Json;
        Assert.Equal("io.certfunctions.certificate.failed", (string?)json["type"]);
        var data = json["data"]!.AsObject();
        Assert.Contains("The CA could not validate", (string?)data["reason"], StringComparison.Ordinal);
        var at = DateTimeOffset.Parse((string)json["time"]!, System.Globalization.CultureInfo.InvariantCulture);
        var next = DateTimeOffset.Parse((string)data["nextAttemptAt"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(at + TimeSpan.FromHours(1), next); // the first failure's back-off

        var slack = (await fixture.Receiver.WaitForAsync(r => r.Path == "/slack" && r.Body.Contains(ns, StringComparison.Ordinal), DeliveryTimeout)).Json;
        Assert.Contains("Certificate issuance failed", (string?)slack["text"], StringComparison.Ordinal);
        Assert.Contains("Next attempt: " + next.UtcDateTime.ToString("u", System.Globalization.CultureInfo.InvariantCulture), (string?)slack["blocks"]![1]!["text"]!["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receiver_that_is_down_delays_nothing_and_gets_the_event_when_it_is_back()
    {
        var world = fixture.World;
        var ns = await E2E.SeedIngressAsync(world, "web", ["later.notify.example.test"]);
        await fixture.Receiver.CloseAsync();
        try
        {
            var final = await E2E.WaitForOperationAsync(fixture.Host, await E2E.RequestAsync(fixture.Host, ns, "web"));
            Assert.Equal("Completed", (string?)final["status"]);
            Assert.DoesNotContain(fixture.Receiver.Received, r => r.Body.Contains(ns, StringComparison.Ordinal));
            // Stay down past the first attempt (queued as the run ended), well short of the first retry (5 s later).
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        finally
        {
            await fixture.Receiver.OpenAsync();
        }

        // The delivery's retries (5 s, 10 s, 20 s, ...) reach the receiver once it is back.
        var json = (await fixture.Receiver.WaitForAsync(r => r.Path == "/cloudevents" && r.Body.Contains(ns, StringComparison.Ordinal), DeliveryTimeout)).Json;
        Assert.Equal("io.certfunctions.certificate.issued", (string?)json["type"]);
        await fixture.Receiver.WaitForAsync(r => r.Path == "/teams" && r.Body.Contains(ns, StringComparison.Ordinal), DeliveryTimeout);
    }

    [Fact]
    public async Task A_receiver_that_answers_4xx_is_not_asked_again()
    {
        var world = fixture.World;
        var ns = await E2E.SeedIngressAsync(world, "web", ["refused.notify.example.test"]);
        var final = await E2E.WaitForOperationAsync(fixture.Host, await E2E.RequestAsync(fixture.Host, ns, "web"));
        Assert.Equal("Completed", (string?)final["status"]);

        var refused = await fixture.Receiver.WaitForAsync(r => r.Path == "/refusing" && r.Body.Contains(ns, StringComparison.Ordinal), DeliveryTimeout);
        Assert.Equal(400, refused.StatusCode);
        // Past the first retry interval (5 s) and then some: a retried delivery would have arrived by now.
        await Task.Delay(TimeSpan.FromSeconds(12));
        Assert.Single(fixture.Receiver.Received, r => r.Path == "/refusing" && r.Body.Contains(ns, StringComparison.Ordinal));
        // The other webhooks of the same event are delivered all the same.
        await fixture.Receiver.WaitForAsync(r => r.Path == "/cloudevents" && r.Body.Contains(ns, StringComparison.Ordinal), DeliveryTimeout);
    }

    [Fact]
    public async Task A_refused_event_is_kept_and_redelivered_with_the_same_id_once_the_receiver_takes_it()
    {
        var world = fixture.World;
        var ns = await E2E.SeedIngressAsync(world, "web", ["kept.notify.example.test"]);
        var final = await E2E.WaitForOperationAsync(fixture.Host, await E2E.RequestAsync(fixture.Host, ns, "web"));
        Assert.Equal("Completed", (string?)final["status"]);
        var refused = await fixture.Receiver.WaitForAsync(r => r.Path == "/refusing" && r.Body.Contains(ns, StringComparison.Ordinal), DeliveryTimeout);
        var eventId = (string)refused.Json["id"]!;

        var (item, list) = await WaitForUndeliveredAsync(eventId, "refusing");
        Assert.Equal(400, (int?)item["statusCode"]);
        Assert.Equal($"default/{ns}/web", (string?)item["certificate"]);
        Assert.Equal("issued", (string?)item["event"]);
        Assert.DoesNotContain($":{fixture.Receiver.Port}/", list, StringComparison.Ordinal); // never a webhook URL

        fixture.Receiver.Answer(NotificationWorldFixture.Webhooks["refusing"].Path, HttpStatusCode.OK);
        try
        {
            using var redeliver = await fixture.Host.Http.PostAsync(new Uri((string)item["redeliverUrl"]!), null);
            Assert.Equal(HttpStatusCode.Accepted, redeliver.StatusCode);

            var delivered = await fixture.Receiver.WaitForAsync(
                r => r.Path == "/refusing" && r.StatusCode == 200 && (string?)r.Json["id"] == eventId, DeliveryTimeout);
            Assert.Equal(refused.Body, delivered.Body);
            using var again = await fixture.Host.Http.PostAsync(new Uri((string)item["redeliverUrl"]!), null);
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
            Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
            var after = JsonNode.Parse(await fixture.Host.Http.GetStringAsync(new Uri("api/notifications/undelivered", UriKind.Relative)))!;
            Assert.DoesNotContain(after["items"]!.AsArray(), i => (string?)i!["eventId"] == eventId && (string?)i["webhook"] == "refusing");
        }
        finally
        {
            fixture.Receiver.Answer(NotificationWorldFixture.Webhooks["refusing"].Path, HttpStatusCode.BadRequest);
        }
    }

    /// <summary>Polls the list until the delivery orchestration has kept the record of <paramref name="eventId"/> for <paramref name="webhook"/>.</summary>
    private async Task<(JsonNode Item, string List)> WaitForUndeliveredAsync(string eventId, string webhook)
    {
        var deadline = DateTimeOffset.UtcNow + DeliveryTimeout;
        while (true)
        {
            var list = await fixture.Host.Http.GetStringAsync(new Uri("api/notifications/undelivered", UriKind.Relative));
            var item = JsonNode.Parse(list)!["items"]!.AsArray().FirstOrDefault(i => (string?)i!["eventId"] == eventId && (string?)i["webhook"] == webhook);
            if (item is not null)
            {
                return (item, list);
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"No undelivered record of event {eventId} for {webhook}: {list}");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}
