using System.Net;

namespace DistributedCloud.Site.Hosting.Configuration;

/// <summary>A listen URL: scheme (http = cleartext HTTP/2, https = TLS), an IP address and an explicit port.</summary>
public sealed record ListenAddress(bool Tls, IPEndPoint EndPoint)
{
    public const string Forms = "http://ADDRESS:PORT or https://ADDRESS:PORT with an IP address (IPv6 in brackets) and a port, e.g. http://[fd01::2]:50052";

    public static bool TryParse(string? text, out ListenAddress? address, out string problem)
    {
        address = null;
        problem = string.Empty;
        var value = text?.Trim() ?? string.Empty;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problem = "is not an http:// or https:// URL";
            return false;
        }

        if (uri.HostNameType is not (UriHostNameType.IPv4 or UriHostNameType.IPv6) || !IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip))
        {
            problem = $"names host '{uri.Host}'; listen on an IP address of the site (its primary admin or mgmt address, D-23), not a name";
            return false;
        }

        var authority = value[(value.IndexOf("//", StringComparison.Ordinal) + 2)..].Split('/')[0];
        var portText = authority[(authority.LastIndexOf(']') + 1)..];
        if (!portText.Contains(':', StringComparison.Ordinal) || uri.Port is <= 0 or > 65535)
        {
            problem = "has no port; give one explicitly, e.g. :50052";
            return false;
        }

        if (uri.AbsolutePath != "/" || uri.Query.Length > 0)
        {
            problem = "has a path or query; give only scheme, address and port";
            return false;
        }

        address = new ListenAddress(uri.Scheme == Uri.UriSchemeHttps, new IPEndPoint(ip, uri.Port));
        return true;
    }

    public override string ToString() => $"{(Tls ? "https" : "http")}://{EndPoint}";

    /// <summary>The URL a client on this machine dials for this address (a wildcard listens on loopback too).</summary>
    public string DialUrl()
    {
        var ip = EndPoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback
            : EndPoint.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
            : EndPoint.Address;
        return $"{(Tls ? "https" : "http")}://{new IPEndPoint(ip, EndPoint.Port)}";
    }
}
