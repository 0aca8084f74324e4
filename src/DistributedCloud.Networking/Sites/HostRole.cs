namespace DistributedCloud.Networking.Sites;

public enum HostRole
{
    Controller,
    Worker,
    Storage,
}
