using System.Globalization;

namespace DistributedCloud.Controller.Backup;

/// <summary>Sizes in the result lines: bytes below 1 KiB, else KiB, MiB or GiB with one decimal.</summary>
public static class ByteSizes
{
    public static string Format(long bytes)
    {
        if (bytes < 1024)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + " bytes";
        }

        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        var value = (double)bytes;
        var unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
