using DistributedCloud.Site.Hosting.Configuration;

namespace DistributedCloud.Controller.Configuration;

/// <summary>
/// The controller host's settings (configuration section "Controller"): its own site, exactly like an agent's (data
/// directory, bootstrap file, listen addresses, host driver). The controller's store is <c>controller.db</c> in the
/// same data directory. The domain's settings have their own sections: Audit, Agents, Subclouds, Strategies.
/// </summary>
public sealed class ControllerOptions : SiteHostOptions
{
    public const string SectionName = "Controller";

    public const string StoreFileName = "controller.db";

    public string StorePath => Path.Combine(Path.GetFullPath(DataDirectory!), StoreFileName);
}
