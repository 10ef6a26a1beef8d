namespace CertFunctions.Core.Discovery;

/// <summary>The discovery trigger (section <c>Discovery</c>; its schedule is the flat setting <c>DiscoverySchedule</c>).</summary>
public sealed class DiscoveryOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Discovery";

    /// <summary>False switches the discovery trigger off (the renewal scan still finds new Ingresses, twice a day).</summary>
    public bool Enabled { get; set; } = true;
}
