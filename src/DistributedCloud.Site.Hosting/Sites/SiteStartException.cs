namespace DistributedCloud.Site.Hosting.Sites;

/// <summary>The host cannot start for a reason the operator can fix; the message says which and how.</summary>
public sealed class SiteStartException(string message, Exception? inner = null) : Exception(message, inner);
