using System.Text.Json;

namespace CertFunctions.Acme.Tests.Support;

/// <summary>A request the fake CA saw, with the decoded JWS header and payload.</summary>
internal sealed record FakeRequest(HttpMethod Method, string Path, JsonElement? Header, JsonElement? Payload);
