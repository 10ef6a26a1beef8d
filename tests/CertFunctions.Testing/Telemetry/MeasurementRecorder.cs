using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CertFunctions.Testing.Telemetry;

/// <summary>
/// Records every measurement of one named Meter from its creation until disposed, with its tags, so a test can ask what
/// a run it drove counted. Meters are process-wide: filter on tags that only the test's run produces.
/// </summary>
public sealed class MeasurementRecorder : IDisposable
{
    private readonly ConcurrentQueue<Measurement> _measurements = new();
    private readonly MeterListener _listener = new();

    /// <summary>Starts recording the instruments of the Meter named <paramref name="meterName"/>.</summary>
    public MeasurementRecorder(string meterName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>One recorded measurement.</summary>
    /// <param name="Instrument">The instrument's name.</param>
    /// <param name="Value">The value measured.</param>
    /// <param name="Tags">Its tags, values as strings.</param>
    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags);

    /// <summary>The measurements of <paramref name="instrument"/> whose tags include every pair of <paramref name="tags"/>.</summary>
    public IReadOnlyList<Measurement> Of(string instrument, params (string Key, string Value)[] tags)
        => [.. _measurements.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && v == t.Value))];

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copied = new Dictionary<string, string?>(tags.Length);
        foreach (var tag in tags)
        {
            copied[tag.Key] = tag.Value?.ToString();
        }

        _measurements.Enqueue(new Measurement(instrument.Name, value, copied));
    }
}
