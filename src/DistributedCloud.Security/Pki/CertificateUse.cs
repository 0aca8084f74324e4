namespace DistributedCloud.Security.Pki;

/// <summary>The extended key usages an issued certificate carries.</summary>
[Flags]
public enum CertificateUse
{
    /// <summary>TLS server (1.3.6.1.5.5.7.3.1): agents and controllers on their listeners.</summary>
    Server = 1,

    /// <summary>TLS client (1.3.6.1.5.5.7.3.2): controllers dialling agents, administrators.</summary>
    Client = 2,
}
