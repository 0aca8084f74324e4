namespace DistributedCloud.Controller.Core.Enrollment;

/// <summary>Where a subcloud's agent certificate stands (S-2, S-3), as <c>subcloud show</c> names it.</summary>
public enum CertificateState
{
    /// <summary>No certificate yet, or one issued and not yet installed: the agent waits for enrollment.</summary>
    WaitingForEnrollment,

    /// <summary>A certificate the controller accepts.</summary>
    Enrolled,

    /// <summary>A renewal is under way: the old certificate and the new one are both accepted.</summary>
    Renewing,

    /// <summary>Revoked (<c>dcctl subcloud revoke</c>): refused until the agent enrolls again with a new token.</summary>
    Revoked,

    /// <summary>The certificate expired (beyond the clock skew): the agent must enroll again with a new token.</summary>
    Expired,
}

public static class CertificateStates
{
    public static string Name(this CertificateState state) => state switch
    {
        CertificateState.WaitingForEnrollment => "waiting for enrollment",
        CertificateState.Enrolled => "enrolled",
        CertificateState.Renewing => "renewing",
        CertificateState.Revoked => "revoked",
        _ => "expired",
    };
}
