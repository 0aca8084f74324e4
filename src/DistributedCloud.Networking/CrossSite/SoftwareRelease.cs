using System.Globalization;

namespace DistributedCloud.Networking.CrossSite;

/// <summary>A platform release such as <c>24.09</c> or <c>25.09.1</c>, compared number by number.</summary>
public readonly record struct SoftwareRelease(IReadOnlyList<int> Parts) : IComparable<SoftwareRelease>
{
    public static bool TryParse(string? text, out SoftwareRelease release)
    {
        release = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = new List<int>();
        foreach (var part in text.Trim().Split('.'))
        {
            if (part.Length is 0 or > 6 || !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            parts.Add(number);
        }

        release = new SoftwareRelease(parts);
        return true;
    }

    public int CompareTo(SoftwareRelease other)
    {
        var length = Math.Max(Parts.Count, other.Parts.Count);
        for (var i = 0; i < length; i++)
        {
            var a = i < Parts.Count ? Parts[i] : 0;
            var b = i < other.Parts.Count ? other.Parts[i] : 0;
            if (a != b)
            {
                return a.CompareTo(b);
            }
        }

        return 0;
    }

    public static bool operator <(SoftwareRelease left, SoftwareRelease right) => left.CompareTo(right) < 0;

    public static bool operator >(SoftwareRelease left, SoftwareRelease right) => left.CompareTo(right) > 0;

    public static bool operator <=(SoftwareRelease left, SoftwareRelease right) => left.CompareTo(right) <= 0;

    public static bool operator >=(SoftwareRelease left, SoftwareRelease right) => left.CompareTo(right) >= 0;

    public bool Equals(SoftwareRelease other) => CompareTo(other) == 0;

    public override int GetHashCode() => string.Join('.', Parts.Reverse().SkipWhile(p => p == 0).Reverse()).GetHashCode(StringComparison.Ordinal);

    public override string ToString() => string.Join('.', Parts);
}
