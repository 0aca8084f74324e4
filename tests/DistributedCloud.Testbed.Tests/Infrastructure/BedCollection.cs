namespace DistributedCloud.Testbed.Tests.Infrastructure;

/// <summary>Every bed test shares one bed (namespaces are machine-wide) and runs one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BedCollection : ICollectionFixture<TestbedFixture>
{
    public const string Name = "multi-host test bed";
}
