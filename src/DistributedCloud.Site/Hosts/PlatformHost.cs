using DistributedCloud.Networking.Sites;

namespace DistributedCloud.Site.Hosts;

/// <summary>
/// A host of the site (H-1): its states, its controller role, the task of the action running on it, and its
/// configuration target and applied ids (N-28). Changed only by <see cref="Model.SiteModel"/>, which checks the rules.
/// </summary>
public sealed class PlatformHost
{
    internal PlatformHost(int id, Guid uuid, string name, HostRole personality)
    {
        Id = id;
        Uuid = uuid;
        Name = name;
        Personality = personality;
    }

    public int Id { get; }

    public Guid Uuid { get; }

    public string Name { get; }

    public HostRole Personality { get; }

    public AdministrativeState Administrative { get; private set; } = AdministrativeState.Unlocked;

    public OperationalState Operational { get; private set; } = OperationalState.Enabled;

    public Availability Availability { get; private set; } = Availability.Available;

    public ControllerRole Role { get; private set; } = ControllerRole.None;

    /// <summary>The running action's task ("Locking", ...); null when idle.</summary>
    public string? Task { get; private set; }

    /// <summary>The action that runs on the host, if any.</summary>
    public HostAction? RunningAction { get; private set; }

    /// <summary>The configuration the host should run (N-28).</summary>
    public string? ConfigTarget { get; private set; }

    /// <summary>The configuration the host runs.</summary>
    public string? ConfigApplied { get; private set; }

    /// <summary>The target needs a lock/unlock of the host to apply (N-28).</summary>
    public bool RebootRequired { get; private set; }

    /// <summary>Why the last action on the host failed; cleared when the next one succeeds.</summary>
    public string? LastFailure { get; private set; }

    public bool IsController => Personality == HostRole.Controller;

    /// <summary>N-29: "Config out-of-date" while target and applied differ.</summary>
    public bool ConfigOutOfDate => !string.Equals(ConfigTarget, ConfigApplied, StringComparison.Ordinal);

    /// <summary>Unlocked, enabled and available: in service (H-10).</summary>
    public bool InService =>
        Administrative == AdministrativeState.Unlocked && Operational == OperationalState.Enabled && Availability == Availability.Available;

    public SiteHost AsSiteHost() => new(Name, Personality);

    internal void Restore(
        AdministrativeState administrative,
        OperationalState operational,
        Availability availability,
        ControllerRole role,
        string? task,
        HostAction? runningAction,
        string? configTarget,
        string? configApplied,
        bool rebootRequired,
        string? lastFailure)
    {
        Administrative = administrative;
        Operational = operational;
        Availability = availability;
        Role = role;
        Task = task;
        RunningAction = runningAction;
        ConfigTarget = configTarget;
        ConfigApplied = configApplied;
        RebootRequired = rebootRequired;
        LastFailure = lastFailure;
    }

    internal void SetRole(ControllerRole role) => Role = role;

    internal void SetAvailability(Availability availability, OperationalState operational)
    {
        Availability = availability;
        Operational = operational;
    }

    internal void StartAction(HostAction action, bool force)
    {
        RunningAction = action;
        Task = action.Task(force);
    }

    internal void EndAction(string? failure)
    {
        RunningAction = null;
        Task = null;
        LastFailure = failure;
    }

    internal void BecomeLocked()
    {
        Administrative = AdministrativeState.Locked;
        Operational = OperationalState.Disabled;
        Availability = Availability.Online;
    }

    /// <summary>H-8: the unlock applies the target configuration.</summary>
    internal void BecomeUnlocked()
    {
        Administrative = AdministrativeState.Unlocked;
        Operational = OperationalState.Enabled;
        Availability = Availability.Available;
        ConfigApplied = ConfigTarget;
        RebootRequired = false;
    }

    /// <summary>
    /// N-28: a new target; it carries "reboot required" when the change needs it or when the previous target
    /// still waits for one (inheritance).
    /// </summary>
    internal void Target(string target, bool rebootRequired)
    {
        var pendingReboot = RebootRequired && ConfigOutOfDate;
        ConfigTarget = target;
        RebootRequired = rebootRequired || pendingReboot;
    }

    /// <summary>A runtime apply: the host runs its target now.</summary>
    internal void ApplyTarget() => ConfigApplied = ConfigTarget;
}
