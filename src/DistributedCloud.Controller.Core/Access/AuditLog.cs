using System.Text;
using DistributedCloud.Controller.Core.Diagnostics;
using DistributedCloud.Controller.Core.Persistence;
using DistributedCloud.Controller.Core.Persistence.Records;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Security.Access;
using DistributedCloud.Security.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DistributedCloud.Controller.Core.Access;

/// <summary>
/// The controller's audit log (S-8): every mutating and every refused call, appended to <c>audit_events</c> with a
/// structured log event each. Refusals of one source, identity, method and reason within one UTC minute share one
/// row whose count goes up, so a flood of refused calls adds at most a row per minute and kind. Nothing that looks like
/// a secret is kept or logged, and every text is cut to a bounded length. Recording never fails the call it records:
/// a store that cannot take the event leaves it in the log, with the failure.
/// </summary>
public sealed class AuditLog : IAccessAudit
{
    public const string Rule = "S-8";

    public const int DefaultLimit = 100;

    public const int MaxLimit = 1000;

    private const string DoneText = "done";
    private const string RefusedText = "refused";

    private readonly ControllerDatabase _database;
    private readonly ILogger _logger;

    public AuditLog(ControllerDatabase database, ILogger<AuditLog>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Completes once the store is open.</summary>
    public Task WhenOpen => _database.WhenOpen;

    /// <summary>
    /// Appends the event (or counts it into its minute's row, for a repeated refusal). The write does not follow
    /// <paramref name="cancellationToken"/>: a call whose caller went away is recorded all the same.
    /// </summary>
    public async ValueTask RecordAsync(AccessEvent accessEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accessEvent);
        var row = ToRecord(accessEvent);
        var count = 1;
        try
        {
            if (_database.IsOpen)
            {
                count = await _database.WriteAsync(context => AppendAsync(context, row, CancellationToken.None), CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                _logger.AuditStoreClosed(row.Method, row.Identity);
            }
        }
        catch (Exception ex)
        {
            _logger.AuditNotStored(row.Method, row.Identity, ex);
        }

        Log(row, count);
    }

    /// <summary>
    /// The newest events first, at most <paramref name="limit"/> (0: <see cref="DefaultLimit"/>), from
    /// <paramref name="since"/> on, of one identity and one target when given.
    /// </summary>
    public Task<IReadOnlyList<AuditEntry>> ListAsync(
        DateTimeOffset? since = null, string? identity = null, string? target = null, int limit = 0, CancellationToken cancellationToken = default)
    {
        if (limit is < 0 or > MaxLimit)
        {
            throw new DomainException(new DomainError(Rule, "limit", $"limit {limit} is out of range; give 1..{MaxLimit} (0 or none: {DefaultLimit})"));
        }

        var take = limit == 0 ? DefaultLimit : limit;
        return _database.ReadAsync<IReadOnlyList<AuditEntry>>(async context =>
        {
            var query = context.AuditEvents.AsNoTracking();
            if (since is { } from)
            {
                var utc = from.UtcDateTime;
                query = query.Where(e => e.Time >= utc);
            }

            if (!string.IsNullOrEmpty(identity))
            {
                query = query.Where(e => e.Identity == identity);
            }

            if (!string.IsNullOrEmpty(target))
            {
                query = query.Where(e => e.Target == target);
            }

            var rows = await query.OrderByDescending(e => e.Time).ThenByDescending(e => e.Id).Take(take)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return rows.Select(ToEntry).ToArray();
        }, cancellationToken);
    }

    /// <summary>Retention (S-8): deletes the events older than <paramref name="cutoff"/>; returns how many.</summary>
    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var utc = cutoff.UtcDateTime;
        var deleted = await _database.WriteAsync(
            context => context.AuditEvents.Where(e => e.Time < utc).ExecuteDeleteAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        if (deleted > 0)
        {
            _logger.AuditPruned(deleted, cutoff);
        }

        return deleted;
    }

    /// <summary>Inserts the row, or for a refusal already seen this minute adds one to that row's count; returns the count.</summary>
    private static async Task<int> AppendAsync(ControllerDbContext context, AuditEventRecord row, CancellationToken cancellationToken)
    {
        if (row.Outcome == RefusedText)
        {
            var minute = new DateTime(row.Time.Ticks - (row.Time.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
            var next = minute.AddMinutes(1);
            var folded = await context.AuditEvents
                .Where(e => e.Outcome == RefusedText && e.Time >= minute && e.Time < next
                    && e.Source == row.Source && e.Identity == row.Identity && e.Method == row.Method && e.Reason == row.Reason)
                .OrderBy(e => e.Id)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (folded is not null)
            {
                folded.Count = folded.Count == int.MaxValue ? int.MaxValue : folded.Count + 1;
                return folded.Count;
            }
        }

        context.AuditEvents.Add(row);
        return row.Count;
    }

    private void Log(AuditEventRecord row, int count)
    {
        var role = row.Role ?? "no role";
        if (row.Outcome == DoneText)
        {
            _logger.AccessDone(row.Method, row.Identity, role, row.Source, row.Target ?? "-", row.RequestId ?? "-");
        }
        else if (count <= 1)
        {
            _logger.AccessRefused(row.Method, row.Identity, role, row.Source, row.Target ?? "-", row.RequestId ?? "-", row.Reason);
        }
        else
        {
            _logger.AccessRefusedAgain(row.Method, row.Identity, row.Source, row.Reason, count);
        }
    }

    private static AuditEventRecord ToRecord(AccessEvent e) => new()
    {
        Time = e.Time.UtcDateTime,
        Identity = Clean(e.Identity, 128) ?? "(anonymous)",
        Role = Clean(e.Role, 32),
        Source = Clean(e.Source, 128) ?? "(unknown)",
        Method = Clean(e.Method, 200) ?? "(unknown)",
        Target = Clean(e.Target, 200),
        RequestId = Clean(e.RequestId, 128),
        Outcome = e.Outcome == AccessOutcome.Done ? DoneText : RefusedText,
        Reason = Clean(e.Reason, 300),
        Count = 1,
    };

    private static AuditEntry ToEntry(AuditEventRecord r) =>
        new(r.Id, new DateTimeOffset(DateTime.SpecifyKind(r.Time, DateTimeKind.Utc)), r.Identity, r.Role, r.Source, r.Method, r.Target, r.RequestId,
            r.Outcome == DoneText ? AccessOutcome.Done : AccessOutcome.Refused, r.Reason, r.Count);

    /// <summary>No secret, no control character, at most <paramref name="max"/> characters; empty is null.</summary>
    internal static string? Clean(string? text, int max)
    {
        var redacted = SecretRedaction.Redact(text);
        if (string.IsNullOrWhiteSpace(redacted))
        {
            return null;
        }

        var builder = new StringBuilder(Math.Min(redacted.Length, max + 1));
        foreach (var c in redacted.Trim())
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
            if (builder.Length > max)
            {
                break;
            }
        }

        return builder.Length > max ? builder.ToString(0, max - 3) + "..." : builder.ToString();
    }
}
