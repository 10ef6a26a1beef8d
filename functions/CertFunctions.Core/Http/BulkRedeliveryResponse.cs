namespace CertFunctions.Core.Http;

/// <summary>The answer to a redelivery of the oldest undelivered notifications.</summary>
/// <param name="Started">Deliveries started by this call.</param>
/// <param name="Remaining">Records still kept after it (call again to send them).</param>
/// <param name="Detail">What happens next.</param>
public sealed record BulkRedeliveryResponse(int Started, int Remaining, string Detail);
