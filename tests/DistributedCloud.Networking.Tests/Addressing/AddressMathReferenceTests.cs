using System.Net;
using DistributedCloud.Networking.Addressing;
using Xunit.Abstractions;

namespace DistributedCloud.Networking.Tests.Addressing;

/// <summary>
/// Address math checked against a brute-force reference that enumerates every address of small subnets.
/// Bounded count, fixed seed (printed on failure so a case can be replayed).
/// </summary>
public sealed class AddressMathReferenceTests(ITestOutputHelper output)
{
    private const int Seed = 20261121;
    private const int Cases = 2000;

    /// <summary>A random subnet of /N (N in 22..32 for IPv4, 118..128 for IPv6) inside a small space, so overlaps happen.</summary>
    private static Subnet RandomSubnet(Random random, IpFamily family)
    {
        var width = family.Width();
        var prefix = random.Next(width - 10, width + 1);
        var baseValue = family == IpFamily.IPv4
            ? IpAddressMath.ToUInt128(IPAddress.Parse("198.18.0.0"))
            : IpAddressMath.ToUInt128(IPAddress.Parse("2001:db8::"));
        var offset = (UInt128)random.Next(0, 4096);
        var address = IpAddressMath.ToAddress(baseValue + offset, family);
        return Subnet.Containing(address, prefix);
    }

    private static HashSet<UInt128> Enumerate(Subnet subnet)
    {
        var set = new HashSet<UInt128>();
        for (var v = subnet.First; ; v++)
        {
            set.Add(v);
            if (v == subnet.Last)
            {
                break;
            }
        }

        return set;
    }

    private void Run(Action<Random> check)
    {
        var random = new Random(Seed);
        for (var i = 0; i < Cases; i++)
        {
            try
            {
                check(random);
            }
            catch
            {
                output.WriteLine($"failed at case {i} with seed {Seed}");
                throw;
            }
        }
    }

    [Theory]
    [InlineData(IpFamily.IPv4)]
    [InlineData(IpFamily.IPv6)]
    public void Containment_overlap_and_count_match_enumeration(IpFamily family)
    {
        Run(random =>
        {
            var a = RandomSubnet(random, family);
            var b = RandomSubnet(random, family);
            var setA = Enumerate(a);
            var setB = Enumerate(b);

            Assert.Equal(setA.Count, (int)a.Count);
            Assert.Equal(setA.Overlaps(setB), a.Overlaps(b));
            Assert.Equal(setB.IsSubsetOf(setA), a.Contains(b));
            var probe = IpAddressMath.ToAddress(b.First + (UInt128)random.Next(0, (int)b.Count), family);
            Assert.Equal(setA.Contains(IpAddressMath.ToUInt128(probe)), a.Contains(probe));
            Assert.Equal(a, Subnet.Parse(a.ToString()));
            Assert.Equal(a, Subnet.FromIPNetwork(a.ToIPNetwork()));
        });
    }

    [Theory]
    [InlineData(IpFamily.IPv4)]
    [InlineData(IpFamily.IPv6)]
    public void Range_overlap_and_count_match_enumeration(IpFamily family)
    {
        Run(random =>
        {
            var subnet = RandomSubnet(random, family);
            AddressRange Pick()
            {
                var s = subnet.First + (UInt128)random.Next(0, (int)subnet.Count);
                var e = s + (UInt128)random.Next(0, (int)(subnet.Last - s) + 1);
                return new AddressRange(s, e, family);
            }

            var r1 = Pick();
            var r2 = Pick();
            var set1 = Enumerable.Range(0, (int)r1.Count).Select(i => r1.Start + (UInt128)i).ToHashSet();
            var set2 = Enumerable.Range(0, (int)r2.Count).Select(i => r2.Start + (UInt128)i).ToHashSet();
            Assert.Equal(set1.Overlaps(set2), r1.Overlaps(r2));
            Assert.True(AddressRangeText.TryParsePairs(r1.ToString(), out var pairs, out _));
            Assert.Equal(r1, AddressRange.Of(pairs[0].Start, pairs[0].End));
        });
    }

    [Fact]
    public void Lowest_free_and_random_free_agree_with_a_scan_of_the_ranges()
    {
        Run(random =>
        {
            var family = random.Next(2) == 0 ? IpFamily.IPv4 : IpFamily.IPv6;
            var subnet = RandomSubnet(random, family);
            var ranges = new List<AddressRange>();
            var cursor = subnet.First;
            while (cursor <= subnet.Last && ranges.Count < 3)
            {
                var start = cursor + (UInt128)random.Next(0, 3);
                if (start > subnet.Last)
                {
                    break;
                }

                var end = UInt128.Min(subnet.Last, start + (UInt128)random.Next(0, 6));
                ranges.Add(new AddressRange(start, end, family));
                if (end == subnet.Last)
                {
                    break;
                }

                cursor = end + 2;
            }

            var all = ranges.SelectMany(r => Enumerable.Range(0, (int)r.Count).Select(i => r.Start + (UInt128)i)).ToList();
            var used = all.Where(_ => random.Next(3) == 0).ToHashSet();
            var free = all.Where(a => !used.Contains(a)).ToList();

            Assert.Equal(free.Count == 0 ? null : free.Min(), AddressAllocator.LowestFree(ranges, used));
            var picked = AddressAllocator.RandomFree(ranges, used, random);
            if (free.Count == 0)
            {
                Assert.Null(picked);
            }
            else
            {
                Assert.Contains(picked!.Value, free);
            }
        });
    }

    [Fact]
    public void Random_free_reaches_every_free_address()
    {
        var ranges = new[] { new AddressRange(10, 14, IpFamily.IPv4), new AddressRange(20, 21, IpFamily.IPv4) };
        var used = new HashSet<UInt128> { 11, 20 };
        var random = new Random(Seed);
        var seen = Enumerable.Range(0, 500).Select(_ => AddressAllocator.RandomFree(ranges, used, random)!.Value).ToHashSet();
        Assert.Equal(new HashSet<UInt128> { 10, 12, 13, 14, 21 }, seen);
    }

    [Theory]
    [InlineData("10.1")]
    [InlineData("010.0.0.1")]
    [InlineData("10.0.0.256")]
    [InlineData("fe80::1%eth0")]
    [InlineData(" 10.0.0.1")]
    [InlineData("")]
    public void Strict_parsing_rejects_ambiguous_address_forms(string text)
    {
        Assert.False(IpAddressMath.TryParseStrict(text, out _));
    }

    [Fact]
    public void Full_ipv6_space_counts_beyond_128_bits_without_overflow()
    {
        var all = Subnet.Parse("::/0");
        Assert.Equal(System.Numerics.BigInteger.Pow(2, 128), all.Count);
        Assert.True(all.Contains(Subnet.Parse("2001:db8::/32")));
    }
}
