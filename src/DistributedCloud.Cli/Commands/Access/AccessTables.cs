using System.Text.Json.Nodes;
using DistributedCloud.Cli.Output;
using DistributedCloud.Contracts.Controller.V1;
using static DistributedCloud.Cli.Commands.Access.AccessText;
using static DistributedCloud.Cli.Platform.PlatformText;

namespace DistributedCloud.Cli.Commands.Access;

/// <summary>
/// The tables of the token and audit commands, and their JSON/YAML documents: snake_case keys, numbers as numbers,
/// times in ISO 8601 UTC, null for what is not set.
/// </summary>
public static class AccessTables
{
    public static BoxTable Tokens(IEnumerable<AdminToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var table = new BoxTable("name", "role", "state", "created", "created by", "expires", "revoked");
        foreach (var t in tokens)
        {
            table.Add(t.Name, Role(t.Role), State(t.State), Timestamp(t.CreatedAt), Optional(t.CreatedBy), Timestamp(t.ExpiresAt), Timestamp(t.RevokedAt));
        }

        return table;
    }

    /// <summary>A token just created: its properties, then the secret on the last row.</summary>
    public static BoxTable Created(CreateTokenResponse created)
    {
        ArgumentNullException.ThrowIfNull(created);
        var t = created.Token;
        return BoxTable.Properties([
            ("name", t.Name), ("role", Role(t.Role)), ("created", Timestamp(t.CreatedAt)), ("created by", Optional(t.CreatedBy)),
            ("expires", Timestamp(t.ExpiresAt)), ("token", created.Secret),
        ]);
    }

    public static BoxTable Events(IEnumerable<AuditEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var table = new BoxTable("time", "identity", "role", "source", "method", "target", "outcome", "count", "reason", "request id");
        foreach (var e in events)
        {
            table.Add(Timestamp(e.Time), e.Identity, Optional(e.Role), e.Source, ShortMethod(e.Method), Optional(e.Target), Outcome(e.Outcome),
                Number(e.Count), Optional(e.Reason), Optional(e.RequestId));
        }

        return table;
    }

    public static JsonObject Document(AdminToken t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new JsonObject
        {
            ["name"] = t.Name,
            ["role"] = Role(t.Role),
            ["state"] = State(t.State),
            ["created_at"] = IsoTime(t.CreatedAt),
            ["created_by"] = Optional(t.CreatedBy),
            ["expires_at"] = IsoTime(t.ExpiresAt),
            ["revoked_at"] = IsoTime(t.RevokedAt),
        };
    }

    public static JsonObject Document(CreateTokenResponse created)
    {
        ArgumentNullException.ThrowIfNull(created);
        var document = Document(created.Token);
        document["token"] = created.Secret;
        return document;
    }

    public static JsonObject Document(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new JsonObject
        {
            ["id"] = e.Id,
            ["time"] = IsoTime(e.Time),
            ["identity"] = e.Identity,
            ["role"] = Optional(e.Role),
            ["source"] = e.Source,
            ["method"] = e.Method,
            ["target"] = Optional(e.Target),
            ["request_id"] = Optional(e.RequestId),
            ["outcome"] = Outcome(e.Outcome),
            ["reason"] = Optional(e.Reason),
            ["count"] = e.Count,
        };
    }

    public static JsonArray Documents<T>(IEnumerable<T> items, Func<T, JsonObject> document) =>
        new([.. items.Select(i => (JsonNode?)document(i))]);
}
