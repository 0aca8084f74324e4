using Google.Rpc;
using Grpc.Core;

namespace DistributedCloud.Cli.Platform;

/// <summary>
/// How a failed call to a server reads for an operator, and which exit code it ends with (cli.md). A refusal's
/// <c>google.rpc.Status</c> details (read with <c>GetRpcStatus()</c>) give one line per field violation with its rule.
/// </summary>
public static class RpcFailureReport
{
    public static async Task<int> WriteAsync(RpcException failure, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(stderr);
        if (GrpcChannels.IsCertificateFailure(failure))
        {
            await stderr.WriteLineAsync($"dcctl: the TLS handshake failed: the server's certificate is not issued by the CA dcctl trusts, or the server refused dcctl's certificate ({failure.Status.Detail}). "
                + "Use the dcctl configuration the server wrote (DATA_DIR/access/dcctl.yaml) with --config or DCCTL_CONFIG (S-4, S-6).");
            return ExitCodes.NotAuthorized;
        }

        switch (failure.StatusCode)
        {
            case StatusCode.Unauthenticated or StatusCode.PermissionDenied:
                await stderr.WriteLineAsync($"dcctl: {(failure.StatusCode == StatusCode.Unauthenticated ? "not authenticated" : "not permitted")}: {failure.Status.Detail}");
                return ExitCodes.NotAuthorized;
            case StatusCode.Unavailable:
                await stderr.WriteLineAsync($"dcctl: cannot reach the server: {failure.Status.Detail}");
                return ExitCodes.Unreachable;
            case StatusCode.DeadlineExceeded:
                await stderr.WriteLineAsync($"dcctl: the server did not answer in time ({failure.Status.Detail}); it may still carry out the request: check before retrying");
                return ExitCodes.TimedOut;
        }

        var violations = failure.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations;
        if (violations is { Count: > 0 })
        {
            foreach (var violation in violations)
            {
                var rule = string.IsNullOrEmpty(violation.Reason) ? string.Empty : $" [{violation.Reason}]";
                await stderr.WriteLineAsync($"dcctl: {violation.Field}: {violation.Description}{rule}");
            }
        }
        else
        {
            await stderr.WriteLineAsync($"dcctl: the server refused the request ({failure.StatusCode}): {failure.Status.Detail}");
        }

        return ExitCodes.Refused;
    }
}
