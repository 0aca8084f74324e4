namespace DistributedCloud.Cli;

/// <summary>dcctl's exit codes (cli.md): scripts depend on them, keep them stable.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The request was refused or the input is invalid; the reason was printed.</summary>
    public const int Refused = 1;

    /// <summary>The command line itself is wrong, or an input file cannot be read.</summary>
    public const int Usage = 2;

    public const int Unreachable = 3;

    public const int TimedOut = 4;

    /// <summary>No valid credentials, or the credentials' role does not allow the call (S-7); the way out was printed.</summary>
    public const int NotAuthorized = 5;
}
