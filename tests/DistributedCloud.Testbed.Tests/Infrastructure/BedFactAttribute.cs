namespace DistributedCloud.Testbed.Tests.Infrastructure;

/// <summary>
/// A test on the multi-host bed. It needs root and network namespaces and fails, naming what is missing, where they
/// are unavailable; it is skipped (reported as skipped, never passed) only when <c>DCTB_OPT_OUT=1</c> says so.
/// </summary>
public sealed class BedFactAttribute : FactAttribute
{
    public BedFactAttribute()
    {
        if (TestbedFixture.OptedOut)
        {
            Skip = "DCTB_OPT_OUT=1: the multi-host test bed was opted out of (docs/testing.md)";
        }
    }
}

/// <summary>The theory form of <see cref="BedFactAttribute"/>.</summary>
public sealed class BedTheoryAttribute : TheoryAttribute
{
    public BedTheoryAttribute()
    {
        if (TestbedFixture.OptedOut)
        {
            Skip = "DCTB_OPT_OUT=1: the multi-host test bed was opted out of (docs/testing.md)";
        }
    }
}
