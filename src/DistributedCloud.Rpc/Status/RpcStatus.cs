namespace DistributedCloud.Rpc.Status;

/// <summary>The final status of a call: a code and a developer-facing detail text.</summary>
public readonly record struct RpcStatus(StatusCode Code, string Detail)
{
    public static RpcStatus Ok { get; } = new(StatusCode.OK, string.Empty);

    public override string ToString() => $"Status(StatusCode=\"{StatusCodeNames.ToName(Code)}\", Detail=\"{Detail}\")";
}
