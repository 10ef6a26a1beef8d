using System.Diagnostics;

namespace CertFunctions.Core.Telemetry;

/// <summary>The one Meter and the one ActivitySource of CertFunctions, by name (what an exporter subscribes to).</summary>
public static class TelemetryNames
{
    /// <summary>The Meter's name; every instrument is named <c>certfunctions.*</c>.</summary>
    public const string Meter = "CertFunctions";

    /// <summary>The ActivitySource's name.</summary>
    public const string ActivitySource = "CertFunctions";

    /// <summary>The trace source: one span per issuance start, per activity and per scan; HTTP spans nest under them.</summary>
    public static readonly ActivitySource Source = new(ActivitySource);
}
