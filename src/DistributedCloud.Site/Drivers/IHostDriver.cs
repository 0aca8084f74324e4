namespace DistributedCloud.Site.Drivers;

/// <summary>
/// The seam through which a site changes its hosts (H-16, D-24). An action runs asynchronously, reports progress as
/// sentences, and ends with a result; a driver reports failures as results, not exceptions.
/// </summary>
public interface IHostDriver
{
    /// <summary>The name the configuration uses: <c>simulated</c> or <c>exec</c>.</summary>
    string Name { get; }

    Task<HostDriverResult> RunAsync(HostDriverRequest request, IProgress<string> progress, CancellationToken cancellationToken);
}
