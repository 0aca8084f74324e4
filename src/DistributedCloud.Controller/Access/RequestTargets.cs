using System.Collections.Concurrent;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace DistributedCloud.Controller.Access;

/// <summary>
/// What a request acts on, for the audit log (S-8: subcloud, host, group, pool, strategy, token): its first non-empty
/// string field, in field-number order, whose name is one of <see cref="FieldNames"/>, read through the message's
/// descriptor (no method or property named by a string).
/// </summary>
public static class RequestTargets
{
    public static readonly IReadOnlySet<string> FieldNames =
        new HashSet<string>(["name", "subcloud", "host", "hostname", "group", "pool", "strategy", "token"], StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<MessageDescriptor, FieldDescriptor[]> Candidates = new();

    public static string? Of(object? request)
    {
        if (request is not IMessage message)
        {
            return null;
        }

        foreach (var field in Candidates.GetOrAdd(message.Descriptor, FieldsOf))
        {
            if (field.Accessor.GetValue(message) is string { Length: > 0 } value && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }

    private static FieldDescriptor[] FieldsOf(MessageDescriptor descriptor) =>
        descriptor.Fields.InFieldNumberOrder()
            .Where(f => f.FieldType == FieldType.String && !f.IsRepeated && !f.IsMap && FieldNames.Contains(f.Name))
            .ToArray();
}
