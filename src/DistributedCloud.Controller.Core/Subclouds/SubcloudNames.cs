using System.Text.RegularExpressions;
using DistributedCloud.Networking.Errors;

namespace DistributedCloud.Controller.Core.Subclouds;

/// <summary>D-1: a subcloud name is an RFC-1123 label, not all digits, and not <c>SystemController</c>.</summary>
public static partial class SubcloudNames
{
    public const string Reserved = "SystemController";

    public static void Check(string? name, ErrorCollector errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrEmpty(name))
        {
            errors.Add("D-1", "name", "a subcloud needs a name: an RFC-1123 label such as 'subcloud1'");
            return;
        }

        if (name.Length > 63 || !Label().IsMatch(name))
        {
            errors.Add("D-1", "name",
                $"'{name}' is not an RFC-1123 label: use 1 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit");
        }
        else if (name.All(char.IsAsciiDigit))
        {
            errors.Add("D-1", "name", $"'{name}' is all digits; a subcloud name needs at least one letter");
        }

        if (string.Equals(name, Reserved, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("D-1", "name", $"'{name}' is reserved for the system controller's own region");
        }
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
