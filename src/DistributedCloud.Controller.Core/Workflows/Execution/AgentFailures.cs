using Google.Rpc;
using Grpc.Core;

namespace DistributedCloud.Controller.Core.Workflows.Execution;

/// <summary>
/// The one place that sorts an agent call's failure: unreachable (try again later, D-17) or a refusal (the step fails
/// with the agent's reason, each rule id kept).
/// </summary>
internal static class AgentFailures
{
    /// <summary>Runs one agent call; transport failures become <see cref="AgentUnreachableException"/>.</summary>
    public static async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RpcException ex) when (IsTransient(ex.StatusCode) && !cancellationToken.IsCancellationRequested)
        {
            throw new AgentUnreachableException($"{Name(ex.StatusCode)}: {ex.Status.Detail}", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutException or OperationCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            throw new AgentUnreachableException(ex.Message, ex);
        }
    }

    /// <summary>The agent's reason for a refusal: its status, message and every field violation with its rule.</summary>
    public static string Reason(RpcException refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var text = $"{Name(refusal.StatusCode)}: {refusal.Status.Detail}";
        var violations = refusal.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations
            .Select(v => $"{v.Reason} {v.Field}: {v.Description}")
            .Where(v => !text.Contains(v, StringComparison.Ordinal))
            .ToArray() ?? [];
        return violations.Length == 0 ? text : $"{text} ({string.Join("; ", violations)})";
    }

    /// <summary>The status as gRPC's documentation names it: FAILED_PRECONDITION.</summary>
    private static string Name(StatusCode code) =>
        string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));

    private static bool IsTransient(StatusCode code) =>
        code is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Aborted or StatusCode.Cancelled;
}
