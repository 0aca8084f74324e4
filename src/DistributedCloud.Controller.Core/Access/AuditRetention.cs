using DistributedCloud.Controller.Core.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DistributedCloud.Controller.Core.Access;

/// <summary>
/// S-8 retention: once the store is open, and then every <see cref="SweepInterval"/>, deletes the audit events older
/// than <see cref="AuditLogOptions.Retention"/>. A failed sweep is logged and tried again at the next one.
/// </summary>
public sealed class AuditRetention : BackgroundService
{
    public static readonly TimeSpan DefaultSweepInterval = TimeSpan.FromHours(1);

    private readonly AuditLog _log;
    private readonly AuditLogOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public AuditRetention(AuditLog log, AuditLogOptions options, TimeProvider time, ILogger<AuditRetention>? logger = null, TimeSpan? sweepInterval = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _log = log;
        _options = options;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        SweepInterval = sweepInterval ?? DefaultSweepInterval;
    }

    public TimeSpan SweepInterval { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _log.WhenOpen.WaitAsync(stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await _log.DeleteOlderThanAsync(_time.GetUtcNow() - _options.Retention, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    _logger.AuditPruneFailed(SweepInterval, ex);
                }

                await Task.Delay(SweepInterval, _time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
