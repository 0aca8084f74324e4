namespace DistributedCloud.Controller.Core.Access;

/// <summary>Why a presented token does not authenticate (S-6).</summary>
public enum TokenRefusal
{
    /// <summary>No token has this secret (or the text is not an admin token at all).</summary>
    Unknown = 1,

    Expired = 2,

    Revoked = 3,
}
