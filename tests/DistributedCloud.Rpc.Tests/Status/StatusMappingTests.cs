using System.Net;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Rpc.Status;
using Google.Rpc;
using StatusCode = DistributedCloud.Rpc.Status.StatusCode;

namespace DistributedCloud.Rpc.Tests.Status;

public sealed class StatusMappingTests
{
    [Theory]
    [InlineData(ErrorKind.Invalid, StatusCode.InvalidArgument)]
    [InlineData(ErrorKind.Conflict, StatusCode.AlreadyExists)]
    [InlineData(ErrorKind.NotFound, StatusCode.NotFound)]
    [InlineData(ErrorKind.FailedPrecondition, StatusCode.FailedPrecondition)]
    public void Domain_error_kinds_map_to_their_status(ErrorKind kind, StatusCode expected)
    {
        Assert.Equal(expected, DomainErrorMapping.ToStatusCode(kind));
    }

    [Fact]
    public void Every_domain_error_travels_as_a_field_violation_with_its_rule()
    {
        var exception = new DomainException(
        [
            new DomainError("N-4", "name", "The pool name is empty."),
            new DomainError("N-5", "ranges[1].start", "10.0.0.0 is the network address.", ErrorKind.Invalid),
        ]);

        var rpc = DomainErrorMapping.ToRpcException(exception);

        Assert.Equal(StatusCode.InvalidArgument, rpc.StatusCode);
        Assert.Equal(exception.Message, rpc.Status.Detail);
        Assert.Equal((int)StatusCode.InvalidArgument, rpc.Details!.Code);
        Assert.Equal("type.googleapis.com/google.rpc.BadRequest", rpc.Details.Details.Single().TypeUrl);
        var violations = rpc.GetDetail<BadRequest>()!.FieldViolations;
        Assert.Equal(["name", "ranges[1].start"], violations.Select(v => v.Field).ToArray());
        Assert.Equal(["N-4", "N-5"], violations.Select(v => v.Reason).ToArray());
        Assert.Equal("10.0.0.0 is the network address.", violations[1].Description);
    }

    [Fact]
    public void The_first_error_decides_the_code()
    {
        var exception = new DomainException(
        [
            new DomainError("N-12", "pool", "oam-ipv6 is the oam network's primary pool.", ErrorKind.FailedPrecondition),
            new DomainError("N-4", "name", "Empty."),
        ]);
        Assert.Equal(StatusCode.FailedPrecondition, DomainErrorMapping.ToRpcException(exception).StatusCode);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, StatusCode.Internal)]
    [InlineData(HttpStatusCode.Unauthorized, StatusCode.Unauthenticated)]
    [InlineData(HttpStatusCode.Forbidden, StatusCode.PermissionDenied)]
    [InlineData(HttpStatusCode.NotFound, StatusCode.Unimplemented)]
    [InlineData(HttpStatusCode.TooManyRequests, StatusCode.Unavailable)]
    [InlineData(HttpStatusCode.BadGateway, StatusCode.Unavailable)]
    [InlineData(HttpStatusCode.ServiceUnavailable, StatusCode.Unavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout, StatusCode.Unavailable)]
    [InlineData(HttpStatusCode.UnsupportedMediaType, StatusCode.Unknown)]
    public void Http_statuses_map_as_the_protocol_says(HttpStatusCode http, StatusCode expected)
    {
        Assert.Equal(expected, HttpStatusMapping.ToStatusCode(http));
    }

    [Fact]
    public void Codes_have_canonical_names_and_numbers()
    {
        Assert.Equal("DEADLINE_EXCEEDED", StatusCodeNames.ToName(StatusCode.DeadlineExceeded));
        Assert.Equal("UNAUTHENTICATED", StatusCodeNames.ToName(StatusCode.Unauthenticated));
        Assert.Equal("42", StatusCodeNames.ToName((StatusCode)42));
        Assert.Equal(12, (int)StatusCode.Unimplemented);
        Assert.Equal(16, (int)StatusCode.Unauthenticated);
    }

    [Fact]
    public void Rich_status_round_trips_through_its_bytes()
    {
        var rpc = RpcException.WithDetails(StatusCode.NotFound, "no pool 'x'",
            new ResourceInfo { ResourceType = "address-pool", ResourceName = "x" });
        var decoded = Google.Rpc.Status.Parser.ParseFrom(Google.Protobuf.MessageExtensions.ToByteArray(rpc.Details!));
        Assert.Equal(5, decoded.Code);
        Assert.Equal("x", decoded.Details[0].Unpack<ResourceInfo>().ResourceName);
        Assert.Null(rpc.GetDetail<BadRequest>());
    }
}
