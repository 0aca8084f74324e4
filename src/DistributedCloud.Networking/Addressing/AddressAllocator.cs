using System.Numerics;

namespace DistributedCloud.Networking.Addressing;

/// <summary>
/// Picks a free address out of a set of ranges (N-9). Ranges must be sorted and must not overlap;
/// used addresses outside the ranges are ignored.
/// </summary>
public static class AddressAllocator
{
    /// <summary>The lowest address of the ranges that is not used, or null when all are used.</summary>
    public static UInt128? LowestFree(IReadOnlyList<AddressRange> ranges, IReadOnlySet<UInt128> used)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        ArgumentNullException.ThrowIfNull(used);
        var sortedUsed = used.Order().ToArray();
        foreach (var range in ranges)
        {
            var candidate = range.Start;
            var index = LowerBound(sortedUsed, candidate);
            while (true)
            {
                if (index >= sortedUsed.Length || sortedUsed[index] != candidate)
                {
                    return candidate;
                }

                if (candidate == range.End)
                {
                    break;
                }

                candidate++;
                index++;
            }
        }

        return null;
    }

    /// <summary>A uniformly chosen free address of the ranges, or null when all are used.</summary>
    public static UInt128? RandomFree(IReadOnlyList<AddressRange> ranges, IReadOnlySet<UInt128> used, Random random)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        ArgumentNullException.ThrowIfNull(used);
        ArgumentNullException.ThrowIfNull(random);

        var sortedUsed = used.Order().ToArray();
        var freePerRange = new BigInteger[ranges.Count];
        BigInteger totalFree = 0;
        for (var i = 0; i < ranges.Count; i++)
        {
            var usedInside = LowerBound(sortedUsed, ranges[i].End) - LowerBound(sortedUsed, ranges[i].Start)
                + (Array.BinarySearch(sortedUsed, ranges[i].End) >= 0 ? 1 : 0);
            freePerRange[i] = ranges[i].Count - usedInside;
            totalFree += freePerRange[i];
        }

        if (totalFree.IsZero)
        {
            return null;
        }

        var pick = NextBelow(random, totalFree);
        for (var i = 0; i < ranges.Count; i++)
        {
            if (pick >= freePerRange[i])
            {
                pick -= freePerRange[i];
                continue;
            }

            // The pick-th free address of this range: step over the used ones that precede it.
            var candidate = ranges[i].Start + (UInt128)pick;
            var index = LowerBound(sortedUsed, ranges[i].Start);
            while (index < sortedUsed.Length && sortedUsed[index] <= candidate)
            {
                candidate++;
                index++;
            }

            return candidate;
        }

        return null;
    }

    /// <summary>Index of the first element that is not less than the value.</summary>
    private static int LowerBound(UInt128[] sorted, UInt128 value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (sorted[mid] < value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private static BigInteger NextBelow(Random random, BigInteger bound)
    {
        var bytes = bound.ToByteArray(isUnsigned: true);
        var buffer = new byte[bytes.Length + 8];
        random.NextBytes(buffer);
        // 64 spare bits make the modulo bias negligible.
        return new BigInteger(buffer, isUnsigned: true) % bound;
    }
}
