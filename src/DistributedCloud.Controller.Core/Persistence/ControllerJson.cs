using System.Text.Json;
using System.Text.Json.Serialization;

namespace DistributedCloud.Controller.Core.Persistence;

/// <summary>The JSON form of the list columns (pools, hosts, steps, parameters).</summary>
internal static class ControllerJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"stored JSON '{json}' reads as null");
}
