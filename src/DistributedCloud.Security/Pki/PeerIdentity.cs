using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using DistributedCloud.Security.Access;

namespace DistributedCloud.Security.Pki;

/// <summary>What a certificate of the product is (S-3): its one <c>dc://</c> URI SAN.</summary>
public enum PeerKind
{
    /// <summary><c>dc://controller/&lt;system uuid&gt;</c>: a system controller.</summary>
    Controller,

    /// <summary><c>dc://subcloud/&lt;name&gt;</c>: a subcloud's agent.</summary>
    Subcloud,

    /// <summary><c>dc://admin/&lt;role&gt;/&lt;name&gt;</c>: an administrator of the controller.</summary>
    Admin,

    /// <summary><c>dc://access/&lt;subcloud&gt;/&lt;role&gt;/&lt;name&gt;</c>: short-lived direct access to one agent (S-5a).</summary>
    Access,
}

/// <summary>The identity a certificate names by its <c>dc://</c> URI subject alternative name.</summary>
public sealed record PeerIdentity(PeerKind Kind, string Name, AdminRole? Role = null, string? Scope = null)
{
    private const string Scheme = "dc";
    private static readonly Asn1Tag UriTag = new(TagClass.ContextSpecific, 6);

    public static PeerIdentity Controller(string systemUuid) => new(PeerKind.Controller, systemUuid);

    public static PeerIdentity Subcloud(string name) => new(PeerKind.Subcloud, name);

    public static PeerIdentity Admin(string name, AdminRole role) => new(PeerKind.Admin, name, role);

    public static PeerIdentity Access(string subcloud, string name, AdminRole role) => new(PeerKind.Access, name, role, subcloud);

    public Uri Uri => new(Kind switch
    {
        PeerKind.Controller => $"{Scheme}://controller/{Escape(Name)}",
        PeerKind.Subcloud => $"{Scheme}://subcloud/{Escape(Name)}",
        PeerKind.Admin => $"{Scheme}://admin/{Role!.Value.Name()}/{Escape(Name)}",
        _ => $"{Scheme}://access/{Escape(Scope!)}/{Role!.Value.Name()}/{Escape(Name)}",
    });

    public override string ToString() => Uri.ToString();

    public static bool TryParse(string? text, out PeerIdentity? identity)
    {
        identity = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Scheme)
        {
            return false;
        }

        var parts = uri.AbsolutePath.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        identity = (uri.Host, parts) switch
        {
            ("controller", [var id]) when id.Length > 0 => Controller(id),
            ("subcloud", [var name]) when name.Length > 0 => Subcloud(name),
            ("admin", [var role, var name]) when name.Length > 0 && AdminRoles.TryParse(role, out var r) => Admin(name, r.Value),
            ("access", [var scope, var role, var name]) when scope.Length > 0 && name.Length > 0 && AdminRoles.TryParse(role, out var r) => Access(scope, name, r.Value),
            _ => null,
        };
        return identity is not null;
    }

    /// <summary>The one <c>dc://</c> identity of <paramref name="certificate"/>; null when it has none or more than one.</summary>
    public static PeerIdentity? Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var found = UrisOf(certificate).Select(u => TryParse(u, out var id) ? id : null).OfType<PeerIdentity>().ToArray();
        return found.Length == 1 ? found[0] : null;
    }

    /// <summary>Every URI subject alternative name of <paramref name="certificate"/>.</summary>
    public static IReadOnlyList<string> UrisOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var uris = new List<string>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid?.Value != "2.5.29.17")
            {
                continue;
            }

            try
            {
                var names = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
                while (names.HasData)
                {
                    if (names.PeekTag().HasSameClassAndValue(UriTag))
                    {
                        uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, UriTag));
                    }
                    else
                    {
                        names.ReadEncodedValue();
                    }
                }
            }
            catch (AsnContentException)
            {
                return [];
            }
        }

        return uris;
    }

    private static string Escape(string part) => Uri.EscapeDataString(part);
}
