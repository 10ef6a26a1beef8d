namespace CertFunctions.Core.SelfCheck;

/// <summary>How CertFunctions makes sure the challenge is reachable before it asks the CA to validate.</summary>
public enum SelfCheckMode
{
    /// <summary>Fetch the challenge URL the way the CA does until it answers the key authorization several times in a row.</summary>
    Check,

    /// <summary>Wait a fixed time instead (for hairpin-NAT setups where the app cannot reach its own public address).</summary>
    Wait,
}
