using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Networking.Errors;

namespace DistributedCloud.Controller.Core.Groups;

/// <summary>
/// D-10: group names are unique; the <c>Default</c> group (id 1, parallel, max 2) is never renamed or deleted; a group
/// with subclouds is not deleted; max parallel subclouds 1..5000.
/// </summary>
public static class SubcloudGroupRules
{
    public const long DefaultId = 1;
    public const string DefaultName = "Default";
    public const int MinParallel = 1;
    public const int MaxParallel = 5000;

    public static SubcloudGroup Default { get; } = new(DefaultId, DefaultName, "Default subcloud group", ApplyType.Parallel, 2);

    public static SubcloudGroup Create(long id, string? name, string? description, ApplyType applyType, int? maxParallel, IReadOnlyCollection<SubcloudGroup> existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var errors = new ErrorCollector();
        CheckName(name, null, existing, errors);
        var max = maxParallel ?? 2;
        CheckMaxParallel(max, errors);
        errors.ThrowIfAny();
        return new SubcloudGroup(id, name!.Trim(), description, applyType, max);
    }

    public static SubcloudGroup Update(SubcloudGroup group, SubcloudGroupChanges changes, IReadOnlyCollection<SubcloudGroup> existing)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(existing);
        var errors = new ErrorCollector();
        if (changes.Name is { } name && name != group.Name)
        {
            if (group.IsDefault)
            {
                errors.Add("D-10", "name", $"the '{DefaultName}' group cannot be renamed", ErrorKind.FailedPrecondition);
            }
            else
            {
                CheckName(name, group.Id, existing, errors);
            }
        }

        if (changes.MaxParallelSubclouds is { } max)
        {
            CheckMaxParallel(max, errors);
        }

        errors.ThrowIfAny();
        return group with
        {
            Name = changes.Name?.Trim() ?? group.Name,
            Description = changes.Description ?? group.Description,
            ApplyType = changes.ApplyType ?? group.ApplyType,
            MaxParallelSubclouds = changes.MaxParallelSubclouds ?? group.MaxParallelSubclouds,
        };
    }

    public static void CheckDelete(SubcloudGroup group, IReadOnlyCollection<Subcloud> members)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(members);
        var errors = new ErrorCollector();
        if (group.IsDefault)
        {
            errors.Add("D-10", "group", $"the '{DefaultName}' group cannot be deleted", ErrorKind.FailedPrecondition);
        }

        if (members.Count > 0)
        {
            errors.Add("D-10", "group",
                $"group '{group.Name}' still holds {members.Count} subcloud(s) ({string.Join(", ", members.Select(s => s.Name).Order(StringComparer.Ordinal).Take(5))}{(members.Count > 5 ? ", ..." : string.Empty)}); move them to another group first",
                ErrorKind.FailedPrecondition);
        }

        errors.ThrowIfAny();
    }

    /// <summary>Finds a group by name or id.</summary>
    public static SubcloudGroup Find(string nameOrId, IReadOnlyCollection<SubcloudGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var group = groups.FirstOrDefault(g => g.Name == nameOrId)
            ?? (long.TryParse(nameOrId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
                ? groups.FirstOrDefault(g => g.Id == id)
                : null);
        return group ?? throw new DomainException(new DomainError("D-10", "group",
            $"no subcloud group is named or has id '{nameOrId}'; 'subcloud-group list' shows them", ErrorKind.NotFound));
    }

    private static void CheckName(string? name, long? self, IReadOnlyCollection<SubcloudGroup> existing, ErrorCollector errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("D-10", "name", "a subcloud group needs a name");
            return;
        }

        if (name.Trim().Length > 255 || name.Trim().All(char.IsAsciiDigit))
        {
            errors.Add("D-10", "name", $"'{name}' is not a group name: at most 255 characters and not all digits (ids are numbers)");
        }

        if (existing.Any(g => g.Id != self && string.Equals(g.Name, name.Trim(), StringComparison.Ordinal)))
        {
            errors.Add("D-10", "name", $"a subcloud group named '{name.Trim()}' already exists", ErrorKind.Conflict);
        }
    }

    private static void CheckMaxParallel(int max, ErrorCollector errors)
    {
        if (max is < MinParallel or > MaxParallel)
        {
            errors.Add("D-10", "max_parallel_subclouds", $"max parallel subclouds {max} is out of range; give {MinParallel} to {MaxParallel}");
        }
    }
}
