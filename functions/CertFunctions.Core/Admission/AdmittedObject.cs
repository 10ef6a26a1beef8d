namespace CertFunctions.Core.Admission;

/// <summary>
/// An object the cluster admitted a write of: the issuance first waits until it can read this uid at this generation
/// (admission runs before the write is stored) and ends quietly when it never can (a later webhook or storage refused it).
/// </summary>
/// <param name="Uid">metadata.uid of the admitted object.</param>
/// <param name="Generation">metadata.generation of the admitted object.</param>
/// <param name="WaitTimeout">How long to wait for it, captured from settings so replays never read configuration.</param>
public sealed record AdmittedObject(string Uid, long Generation, TimeSpan WaitTimeout);
