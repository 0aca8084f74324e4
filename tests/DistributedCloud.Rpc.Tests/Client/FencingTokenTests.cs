using DistributedCloud.Rpc.Fencing;
using DistributedCloud.Rpc.Metadata;
using DistributedCloud.Rpc.Status;

namespace DistributedCloud.Rpc.Tests.Client;

public sealed class FencingTokenTests
{
    [Fact]
    public void Round_trips_through_metadata()
    {
        var metadata = new RpcMetadata();
        new FencingToken("c0ffee", 42).WriteTo(metadata);
        Assert.Equal("42", metadata.GetValue("dc-leadership-epoch"));
        Assert.Equal(new FencingToken("c0ffee", 42), FencingToken.ReadFrom(metadata));
    }

    [Fact]
    public void Missing_or_malformed_identity_is_invalid_argument_naming_each_key()
    {
        var error = Assert.Throws<RpcException>(() => FencingToken.ReadFrom(new RpcMetadata().Add("dc-leadership-epoch", "-1")));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var fields = error.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.Select(v => v.Field).ToArray();
        Assert.Equal(["dc-controller-id", "dc-leadership-epoch"], fields);
    }
}
