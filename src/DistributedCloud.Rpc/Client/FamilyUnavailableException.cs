namespace DistributedCloud.Rpc.Client;

/// <summary>The endpoint has no address of the family the channel is restricted to.</summary>
public sealed class FamilyUnavailableException : IOException
{
    public FamilyUnavailableException(string message)
        : base(message)
    {
    }
}
