using CoreDataConverter = DurableTask.Core.Serializing.DataConverter;
using DurableDataConverter = Microsoft.DurableTask.DataConverter;

namespace CertFunctions.Local.Durable;

/// <summary>
/// A DTFx <see cref="CoreDataConverter"/> over the Microsoft.DurableTask converter the shims use, so the client writes
/// inputs and events as plain System.Text.Json (DTFx's default Newtonsoft converter adds <c>$type</c> fields).
/// </summary>
/// <param name="inner">The Durable Task SDK converter to wrap.</param>
public sealed class FrameworkDataConverter(DurableDataConverter inner) : CoreDataConverter
{
    private readonly DurableDataConverter _inner = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <inheritdoc />
    public override string Serialize(object value) => _inner.Serialize(value)!;

    /// <inheritdoc />
    public override string Serialize(object value, bool formatted) => Serialize(value);

    /// <inheritdoc />
    public override object Deserialize(string data, Type objectType) => _inner.Deserialize(data, objectType)!;
}
