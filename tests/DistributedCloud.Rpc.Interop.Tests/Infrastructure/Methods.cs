using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Rpc.Client;
using DistributedCloud.Rpc.Interop.Tests.Protos;

namespace DistributedCloud.Rpc.Interop.Tests.Infrastructure;

/// <summary>Typed client handles, taken from the generated descriptors.</summary>
internal static class Methods
{
    public static readonly RpcMethod<EchoRequest, EchoResponse> Echo =
        RpcMethod<EchoRequest, EchoResponse>.From(InteropReflection.Descriptor.Services[0], "Echo");

    public static readonly RpcMethod<CountRequest, CountItem> Count =
        RpcMethod<CountRequest, CountItem>.From(InteropReflection.Descriptor.Services[0], "Count");

    public static readonly RpcMethod<CountItem, CountItem> Sum =
        RpcMethod<CountItem, CountItem>.From(InteropReflection.Descriptor.Services[0], "Sum");

    public static readonly RpcMethod<CountItem, CountItem> Chat =
        RpcMethod<CountItem, CountItem>.From(InteropReflection.Descriptor.Services[0], "Chat");

    public static readonly RpcMethod<GetSiteRequest, Site> GetSite =
        RpcMethod<GetSiteRequest, Site>.From(AgentReflection.Descriptor.Services[0], "GetSite");

    public static readonly RpcMethod<AddAddressPoolRequest, AddressPool> AddAddressPool =
        RpcMethod<AddAddressPoolRequest, AddressPool>.From(AgentReflection.Descriptor.Services[0], "AddAddressPool");
}
