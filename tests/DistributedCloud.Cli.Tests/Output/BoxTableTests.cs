using System.Diagnostics;
using DistributedCloud.Cli.Output;

namespace DistributedCloud.Cli.Tests.Output;

public sealed class BoxTableTests
{
    private static BoxTable SeedRows() => new BoxTable("uuid", "network_name", "addrpool_name")
        .Add("be3afd5d-ef21-495c-b5a7-1494c7b040fc", "cluster-host", "cluster-host-subnet-ipv6")
        .Add("a061620b-bc27-443b-a0d6-10dafbaae50e", "mgmt", "management-ipv6")
        .Add("0f0e0d0c-0000-4000-8000-000000000001", "cluster-pod", "cluster-pod-ipv4");

    [Fact]
    public void Layout_matches_the_reference_platform_table()
    {
        var expected = string.Join(Environment.NewLine,
            "+--------------------------------------+--------------+--------------------------+",
            "| uuid                                 | network_name | addrpool_name            |",
            "+--------------------------------------+--------------+--------------------------+",
            "| be3afd5d-ef21-495c-b5a7-1494c7b040fc | cluster-host | cluster-host-subnet-ipv6 |",
            "| a061620b-bc27-443b-a0d6-10dafbaae50e | mgmt         | management-ipv6          |",
            "| 0f0e0d0c-0000-4000-8000-000000000001 | cluster-pod  | cluster-pod-ipv4         |",
            "+--------------------------------------+--------------+--------------------------+",
            string.Empty);
        Assert.Equal(expected, SeedRows().ToString());
    }

    [Fact]
    public void The_seed_awk_one_liner_picks_the_uuid_of_a_pool_row()
    {
        var awk = new ProcessStartInfo("awk")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        awk.ArgumentList.Add("$6 == \"cluster-pod-ipv4\" { print $2 }");
        using var process = Process.Start(awk)!;
        process.StandardInput.Write(SeedRows().ToString());
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal("0f0e0d0c-0000-4000-8000-000000000001\n", output);
    }

    [Fact]
    public void Empty_table_keeps_its_header_and_borders()
    {
        Assert.Equal(4, new BoxTable("uuid", "name").ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Multi_line_cells_span_several_lines_and_null_shows_as_None()
    {
        var lines = BoxTable.Properties([("ranges", "a\nbb"), ("gateway", null)]).ToString().Split(Environment.NewLine);
        Assert.Equal("| ranges   | a     |", lines[3]);
        Assert.Equal("|          | bb    |", lines[4]);
        Assert.Equal("| gateway  | None  |", lines[5]);
    }

    [Fact]
    public void A_row_of_the_wrong_width_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => new BoxTable("a", "b").Add("only one"));
    }
}
