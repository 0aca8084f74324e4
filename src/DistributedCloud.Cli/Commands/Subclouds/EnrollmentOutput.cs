using System.Text.Json.Nodes;
using DistributedCloud.Cli.Output;
using DistributedCloud.Contracts.Controller.V1;
using Google.Protobuf.WellKnownTypes;

namespace DistributedCloud.Cli.Commands.Subclouds;

/// <summary>
/// The answer of <c>subcloud add</c> and <c>subcloud enroll</c> (S-2): the subcloud's table, then the join token, the
/// controller's CA fingerprint and the agent's settings. With <c>-o json|yaml</c> one object: the subcloud's properties
/// plus <c>join_token</c>, <c>join_token_expires</c>, <c>ca_fingerprint</c> and <c>agent_settings</c>.
/// </summary>
public static class EnrollmentOutput
{
    public static async Task WriteAsync(CommandOutput output, Subcloud subcloud)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(subcloud);
        var properties = SubcloudTables.Subcloud(subcloud);
        var enrollment = subcloud.Enrollment;
        if (output.Format == OutputFormat.Table)
        {
            await output.Out.WriteAsync(properties.ToString());
            if (enrollment is not null)
            {
                await output.Out.WriteAsync(SubcloudTables.Enrollment(enrollment).ToString());
                output.Message($"The join token is shown only now and enrolls one agent once. Start the agent of '{subcloud.Name}' with: "
                    + $"{SubcloudTables.AgentSettings(enrollment)} (its other flags as usual).");
            }

            return;
        }

        var document = new JsonObject();
        foreach (var row in properties.Rows)
        {
            document[row[0]!] = row[1];
        }

        if (enrollment is not null)
        {
            document["join_token"] = enrollment.JoinToken;
            document["join_token_expires"] = enrollment.ExpiresAt is { } expires ? Timestamp(expires) : null;
            document["ca_fingerprint"] = enrollment.CaFingerprint;
            var settings = new JsonObject();
            foreach (var (key, value) in enrollment.AgentSettings.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                settings[key] = value;
            }

            document["agent_settings"] = settings;
        }

        await output.WriteDocumentAsync(document);
    }

    private static string Timestamp(Timestamp time) => time.ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
