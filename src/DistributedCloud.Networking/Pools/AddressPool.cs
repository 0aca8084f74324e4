using System.Net;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Errors;

namespace DistributedCloud.Networking.Pools;

/// <summary>
/// An address pool of a site: a subnet, the ranges it hands addresses out of, and the well-known addresses
/// (floating, per controller, gateway). Only valid pools exist: every change goes through the validator first.
/// </summary>
public sealed class AddressPool
{
    private readonly HashSet<UInt128> _allocated = [];

    private AddressPool(Guid uuid, AddressPoolDefinition definition)
    {
        Uuid = uuid;
        Name = definition.Name;
        Ranges = definition.Ranges;
        Define(definition);
    }

    public Guid Uuid { get; }

    public string Name { get; private set; }

    public Subnet Subnet { get; private set; }

    public IpFamily Family => Subnet.Family;

    public AllocationOrder Order { get; private set; }

    /// <summary>Sorted by start (N-2), never overlapping (N-5).</summary>
    public IReadOnlyList<AddressRange> Ranges { get; private set; }

    public IPAddress? FloatingAddress { get; private set; }

    public IPAddress? Controller0Address { get; private set; }

    public IPAddress? Controller1Address { get; private set; }

    public IPAddress? GatewayAddress { get; private set; }

    /// <summary>Addresses handed out to hosts or interfaces (N-9, N-10).</summary>
    public IReadOnlyCollection<UInt128> AllocatedAddresses => _allocated;

    public bool IsMulticast => AddressClass.IsMulticast(Subnet);

    /// <summary>Creates a pool from a spec, or throws one <see cref="DomainException"/> listing every problem.</summary>
    public static AddressPool Create(AddressPoolSpec spec, Guid? uuid = null)
    {
        var errors = new ErrorCollector();
        var definition = AddressPoolValidator.Validate(spec, errors);
        errors.ThrowIfAny();
        return new AddressPool(uuid ?? Guid.NewGuid(), definition!);
    }

    public static AddressPool FromDefinition(AddressPoolDefinition definition, Guid? uuid = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new AddressPool(uuid ?? Guid.NewGuid(), definition);
    }

    /// <summary>
    /// Checks that a new definition may replace this pool's (N-10: same family; every handed-out address still
    /// inside the new ranges). Adds problems to <paramref name="errors"/>.
    /// </summary>
    public void CheckRedefinition(AddressPoolDefinition definition, ErrorCollector errors)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(errors);
        if (definition.Subnet.Family != Family)
        {
            errors.Add("N-10", AddressPoolFields.Network,
                $"pool '{Name}' is {Family.Name()} and cannot become {definition.Subnet.Family.Name()} ({definition.Subnet}); create a new pool instead");
            return;
        }

        var orphaned = _allocated.Where(a => !definition.Ranges.Any(r => r.Contains(a))).Order().ToList();
        if (orphaned.Count > 0)
        {
            var shown = string.Join(", ", orphaned.Take(5).Select(a => IpAddressMath.ToAddress(a, Family)));
            errors.Add("N-10", AddressPoolFields.Ranges,
                $"the new ranges of pool '{Name}' leave out {orphaned.Count} address(es) already handed out ({shown}); keep them inside the ranges");
        }
    }

    /// <summary>Replaces the definition; the caller has run <see cref="CheckRedefinition"/> with no problem.</summary>
    public void Redefine(AddressPoolDefinition definition)
    {
        var errors = new ErrorCollector();
        CheckRedefinition(definition, errors);
        errors.ThrowIfAny();
        Name = definition.Name;
        Define(definition);
    }

    /// <summary>The address-pool definition as it stands, for re-validation with changes.</summary>
    public AddressPoolDefinition ToDefinition() =>
        new(Name, Subnet, Order, Ranges, FloatingAddress, Controller0Address, Controller1Address, GatewayAddress);

    /// <summary>Hands out a free address of the ranges by the pool's order (N-9).</summary>
    public IPAddress Allocate(Random random)
    {
        var reserved = new HashSet<UInt128>(_allocated);
        foreach (var address in new[] { FloatingAddress, Controller0Address, Controller1Address, GatewayAddress })
        {
            if (address is not null)
            {
                reserved.Add(IpAddressMath.ToUInt128(address));
            }
        }

        var picked = Order == AllocationOrder.Sequential
            ? AddressAllocator.LowestFree(Ranges, reserved)
            : AddressAllocator.RandomFree(Ranges, reserved, random);
        if (picked is not { } value)
        {
            throw new DomainException(new DomainError("N-9", AddressPoolFields.Ranges,
                $"pool '{Name}' has no free address left in {string.Join(", ", Ranges)}; add a range or free an address",
                ErrorKind.Conflict));
        }

        _allocated.Add(value);
        return IpAddressMath.ToAddress(value, Family);
    }

    /// <summary>Marks an address as handed out (used when loading stored state).</summary>
    public void Reserve(IPAddress address)
    {
        var value = IpAddressMath.ToUInt128(address);
        if (IpFamilyExtensions.FamilyOf(address) != Family || !Ranges.Any(r => r.Contains(value)))
        {
            throw new DomainException(new DomainError("N-9", AddressPoolFields.Ranges,
                $"{address} is not inside the ranges of pool '{Name}'"));
        }

        _allocated.Add(value);
    }

    public bool Release(IPAddress address) =>
        IpFamilyExtensions.FamilyOf(address) == Family && _allocated.Remove(IpAddressMath.ToUInt128(address));

    private void Define(AddressPoolDefinition definition)
    {
        Subnet = definition.Subnet;
        Order = definition.Order;
        Ranges = definition.Ranges.ToArray();
        FloatingAddress = definition.FloatingAddress;
        Controller0Address = definition.Controller0Address;
        Controller1Address = definition.Controller1Address;
        GatewayAddress = definition.GatewayAddress;
    }
}
