using DistributedCloud.Networking.Errors;

namespace DistributedCloud.Controller.Core.Access;

/// <summary>S-7: a token's name is 1 to 64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit.</summary>
public static class AdminTokenNames
{
    public const int MaxLength = 64;

    public const string Rule = "S-7";

    public static void Check(string? name, ErrorCollector errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(Rule, "name", "a token needs a name: 1 to 64 characters of a-z, 0-9, '.', '_' and '-', such as 'ci-pipeline'");
            return;
        }

        if (name.Length > MaxLength)
        {
            errors.Add(Rule, "name", $"'{Shown(name)}' is {name.Length} characters long; a token name has at most {MaxLength}");
        }

        var bad = name.Where(c => !IsAllowed(c)).Distinct().ToArray();
        if (bad.Length > 0)
        {
            errors.Add(Rule, "name",
                $"'{Shown(name)}' has {string.Join(", ", bad.Select(Describe))}; a token name uses only lowercase letters a-z, digits, '.', '_' and '-'");
        }

        if (!char.IsAsciiLetterLower(name[0]) && !char.IsAsciiDigit(name[0]))
        {
            errors.Add(Rule, "name", $"'{Shown(name)}' starts with {Describe(name[0])}; a token name starts with a lowercase letter or a digit");
        }
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-';

    private static string Describe(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}'";

    private static string Shown(string name) =>
        new string(name.Take(MaxLength + 16).Select(c => char.IsControl(c) ? '?' : c).ToArray()) + (name.Length > MaxLength + 16 ? "..." : string.Empty);
}
