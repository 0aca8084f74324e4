namespace DistributedCloud.Networking.Sites;

public static class SystemModes
{
    public static string Name(this SystemMode mode) => mode switch
    {
        SystemMode.Simplex => "simplex",
        SystemMode.Duplex => "duplex",
        _ => "standard",
    };

    public static bool HasTwoControllers(this SystemMode mode) => mode != SystemMode.Simplex;

    /// <summary>Accepts the product's names and the reference platform's <c>duplex-direct</c>.</summary>
    public static bool TryParse(string? text, out SystemMode mode)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "simplex":
                mode = SystemMode.Simplex;
                return true;
            case "duplex" or "duplex-direct":
                mode = SystemMode.Duplex;
                return true;
            case "standard":
                mode = SystemMode.Standard;
                return true;
            default:
                mode = default;
                return false;
        }
    }
}
