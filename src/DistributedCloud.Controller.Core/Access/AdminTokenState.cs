namespace DistributedCloud.Controller.Core.Access;

public enum AdminTokenState
{
    Active = 1,
    Expired = 2,
    Revoked = 3,
}
