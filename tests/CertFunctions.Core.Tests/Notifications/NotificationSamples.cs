using CertFunctions.Core.Certificates;
using CertFunctions.Core.Notifications;
using CertFunctions.Core.Orchestration;

namespace CertFunctions.Core.Tests.Notifications;

/// <summary>Fixed events for the formatter tests.</summary>
internal static class NotificationSamples
{
    public static readonly DateTimeOffset At = new(2026, 12, 5, 6, 0, 0, TimeSpan.Zero);

    public static readonly CertificateRef Certificate = new("prod", "shop", "web");

    public static NotificationEvent Renewed() => NotificationEvents.Succeeded(
        new IssuanceResult(
            Certificate, ["shop.example.com", "www.shop.example.com"], "web-tls", "0a1b2c", At.AddMinutes(-1), At.AddDays(90), "CN=R11",
            At.AddDays(60), new Uri("https://ca.example/order/1"), AcmeIssuer: "default"),
        IssuanceReason.Renewal,
        Certificate.InstanceId,
        At);

    public static NotificationEvent Failed() => NotificationEvents.Failed(
        Certificate, Certificate.InstanceId, At, ["shop.example.com"], "web-tls",
        "The CA could not validate the challenge: urn:ietf:params:acme:error:connection <127.0.0.2>", At.AddHours(2), "default");
}
