using Microsoft.Extensions.Options;

namespace DistributedCloud.Controller.Core.Workflows.Bus;

/// <summary>Fails the host's start with every bad <c>Bus</c> / <c>Workflows</c> key at once (options validated on start).</summary>
internal sealed class WorkflowConfigurationValidator(WorkflowConfiguration configuration) : IValidateOptions<BusOptions>
{
    public ValidateOptionsResult Validate(string? name, BusOptions options) =>
        configuration.IsValid ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(configuration.Problems);
}
