using System.CommandLine;

namespace DistributedCloud.Cli.Commands.Kubernetes;

/// <summary><c>dcctl k8s ...</c>: Kubernetes dual-stack checks (no server needed).</summary>
public sealed class KubernetesCommand : Command
{
    public KubernetesCommand()
        : base("k8s", "Check Kubernetes CIDRs and plan Service IP families (no server needed).")
    {
        Subcommands.Add(new ServiceFamiliesCommand());
        Subcommands.Add(new ValidateCidrsCommand());
    }
}
