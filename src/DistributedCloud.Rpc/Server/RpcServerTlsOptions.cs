namespace DistributedCloud.Rpc.Server;

/// <summary>TLS for the server's endpoints (section "Rpc:Server:Tls"); PEM files.</summary>
public sealed class RpcServerTlsOptions
{
    public bool Enabled { get; set; }

    public string? CertificatePath { get; set; }

    public string? KeyPath { get; set; }

    /// <summary>Require a client certificate issued by the CA in <see cref="ClientCaPath"/> (mutual TLS).</summary>
    public bool RequireClientCertificate { get; set; }

    public string? ClientCaPath { get; set; }
}
