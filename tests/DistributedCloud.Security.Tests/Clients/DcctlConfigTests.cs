using DistributedCloud.Security.Clients;

namespace DistributedCloud.Security.Tests.Clients;

/// <summary>The dcctl configuration the controller and standalone agents write (S-6, S-5a) and dcctl reads.</summary>
public sealed class DcctlConfigTests
{
    [Fact]
    public void A_written_configuration_reads_back_with_its_multi_line_certificate_intact()
    {
        var pem = "-----BEGIN CERTIFICATE-----\nMIIB\nAAAA\n-----END CERTIFICATE-----\n";
        var written = new DcctlConfig { Controller = "https://[::1]:50051", CaCertificate = pem, Token = "dcat_x" }.ToYaml("a comment\nover two lines");

        var read = DcctlConfig.Parse(written);

        Assert.StartsWith("# a comment\n# over two lines\n", written, StringComparison.Ordinal);
        Assert.Equal(("https://[::1]:50051", pem, "dcat_x", null), (read.Controller, read.CaCertificate, read.Token, read.Agent));
    }

    [Fact]
    public void An_unknown_key_or_broken_yaml_is_refused_with_its_line()
    {
        var unknown = Assert.Throws<InvalidDataException>(() => DcctlConfig.Parse("controller: https://[::1]:1\ntokn: x\n"));
        Assert.StartsWith("line 2:", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => DcctlConfig.Parse("controller: [unclosed\n"));
    }
}
