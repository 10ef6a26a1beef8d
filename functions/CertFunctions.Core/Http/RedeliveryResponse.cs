namespace CertFunctions.Core.Http;

/// <summary>The answer to a redelivery request.</summary>
/// <param name="Id">The record redelivered.</param>
/// <param name="EventId">The event's id.</param>
/// <param name="Webhook">The webhook it is sent to.</param>
/// <param name="InstanceId">The delivery orchestration.</param>
/// <param name="Detail">What happens next.</param>
public sealed record RedeliveryResponse(string Id, string EventId, string Webhook, string InstanceId, string Detail);
