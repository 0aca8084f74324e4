using DistributedCloud.Networking.Kubernetes.Services.Model;

namespace DistributedCloud.Networking.Kubernetes.Services.Manifests;

/// <summary>A manifest read: the Service's fields, or why the text is not a Service manifest.</summary>
public sealed record ManifestReadResult(ServiceSpec? Service, string? Problem)
{
    public bool Succeeded => Service is not null;

    public static ManifestReadResult Read(ServiceSpec service) => new(service, null);

    public static ManifestReadResult Failed(string problem) => new(null, problem);
}
