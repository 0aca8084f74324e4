using DistributedCloud.Networking.Kubernetes;

namespace DistributedCloud.Networking.Tests.Kubernetes;

/// <summary>K-7: the one parser of Kubernetes CIDR lists (service-families, validate-cidrs and the Service planner).</summary>
public sealed class CidrListTests
{
    [Theory]
    [InlineData("10.96.0.0/12", "10.96.0.0/12")]
    [InlineData(" fd00::/112 , 10.96.0.0/12 ", "fd00::/112,10.96.0.0/12")]
    [InlineData("10.96.0.1/12,fd00::5/112", "10.96.0.0/12,fd00::/112")]
    public void One_CIDR_or_a_pair_of_different_families_is_accepted_primary_first(string text, string cidrs)
    {
        var list = CidrList.Parse(text, "--service-cidrs", "service");

        Assert.True(list.IsValid, string.Join(" | ", list.Errors));
        Assert.Equal(cidrs, string.Join(',', list.Cidrs));
        Assert.Equal(list.Cidrs[0], list.Primary);
    }

    [Fact]
    public void Host_bits_are_cleared_with_a_warning_naming_the_entry_and_the_network()
    {
        var list = CidrList.Parse("10.96.0.1/12", "--service-cidrs", "service");

        var warning = Assert.Single(list.Warnings);
        Assert.Contains("'10.96.0.1/12'", warning, StringComparison.Ordinal);
        Assert.Contains("10.96.0.0/12", warning, StringComparison.Ordinal);
        Assert.Contains("--service-cidrs", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "no service CIDR")]
    [InlineData("10.96.0.0/40", "'10.96.0.0/40' is not a valid service CIDR")]
    [InlineData("10.96.0.0/12,10.112.0.0/12", "two IPv4 service CIDRs")]
    [InlineData("10.96.0.0/12,fd00::/112,10.112.0.0/12", "lists 3 service CIDRs")]
    [InlineData("10.96.0.0/12,", "empty entry at position 2")]
    public void Every_problem_is_one_K7_error_on_the_field_naming_the_value(string text, string says)
    {
        var list = CidrList.Parse(text, "--service-cidrs", "service");

        var error = Assert.Single(list.Errors);
        Assert.Equal(("K-7", "--service-cidrs"), (error.Rule, error.Field));
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parsed_subnets_get_the_same_check_and_message_as_text()
    {
        var cidrs = new[] { Networking.Addressing.Subnet.Parse("10.96.0.0/12"), Networking.Addressing.Subnet.Parse("10.112.0.0/12") };

        var fromSubnets = Assert.Single(CidrList.Check(cidrs, "--service-cidrs", "service"));
        var fromText = Assert.Single(CidrList.Parse("10.96.0.0/12,10.112.0.0/12", "--service-cidrs", "service").Errors);

        Assert.Equal(fromText, fromSubnets);
    }
}
