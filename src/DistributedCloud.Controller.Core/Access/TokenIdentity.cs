using DistributedCloud.Security.Access;

namespace DistributedCloud.Controller.Core.Access;

/// <summary>Who a valid token authenticates: its name is the caller's identity, with the token's role (S-6, S-7).</summary>
public sealed record TokenIdentity(string Name, AdminRole Role);
