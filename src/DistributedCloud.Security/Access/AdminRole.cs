namespace DistributedCloud.Security.Access;

/// <summary>The roles of S-7, each including the ones below it.</summary>
public enum AdminRole
{
    /// <summary>Every read and watch.</summary>
    Reader = 1,

    /// <summary>Reader, plus host lock/unlock/swact, subcloud manage/unmanage, strategy apply/abort.</summary>
    Operator = 2,

    /// <summary>Everything: subclouds, network changes, strategies, groups, peers, tokens.</summary>
    Admin = 3,
}
