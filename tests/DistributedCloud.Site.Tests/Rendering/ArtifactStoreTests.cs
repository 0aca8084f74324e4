using DistributedCloud.Networking.Kubernetes.Config;
using DistributedCloud.Site.Rendering;

namespace DistributedCloud.Site.Tests.Rendering;

/// <summary>N-32: generations written whole, read back exactly, old ones pruned.</summary>
public sealed class ArtifactStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "dc-site-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void N32_a_written_generation_reads_back_exactly_and_becomes_current()
    {
        var store = new ArtifactStore(_root, keepGenerations: 2);
        Assert.Null(store.ReadCurrent());
        RenderedDocument[] documents = [new("a/one.yaml", "x: 1\n"), new("hosts/controller-0/kubelet.env", "KUBELET_EXTRA_ARGS=--node-ip=fd02::3\n")];

        store.Write(1, documents);

        var current = store.ReadCurrent()!;
        Assert.Equal(1, current.Generation);
        Assert.Equal(documents, current.Documents);
        Assert.Equal("1\n", File.ReadAllText(Path.Combine(current.Directory, ArtifactStore.GenerationFile)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root, ".*"));
    }

    [Fact]
    public void N32_older_generations_are_pruned_and_leftovers_of_an_interrupted_write_removed()
    {
        var store = new ArtifactStore(_root, keepGenerations: 2);
        Directory.CreateDirectory(Path.Combine(_root, ".gen-00000004.dead.tmp"));
        for (var generation = 1; generation <= 4; generation++)
        {
            store.Write(generation, [new RenderedDocument("file.txt", $"generation {generation}\n")]);
        }

        Assert.Equal(["gen-00000003", "gen-00000004"], Directory.GetDirectories(_root).Select(Path.GetFileName).Order());
        Assert.Equal("generation 4\n", store.ReadCurrent()!["file.txt"]);
        Assert.Equal("generation 3\n", store.Read(3)["file.txt"]);
    }

    [Fact]
    public void Artifact_names_outside_the_directory_are_refused()
    {
        var store = new ArtifactStore(_root);
        Assert.Throws<ArgumentException>(() => store.Write(1, [new RenderedDocument("../escape.txt", "no")]));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_root)!, "escape.txt")));
    }
}
