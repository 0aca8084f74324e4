using System.Formats.Tar;

namespace DistributedCloud.Controller.Backup;

/// <summary>What kind of file system entry a path is, without opening it (opening a FIFO would block the backup).</summary>
public static class FileKinds
{
    /// <summary>
    /// The entry's type as tar would record it: the BCL's tar writer reads it with lstat, which .NET exposes nowhere
    /// else. Only a zero-length entry needs asking (a FIFO, socket or device has no length), so no data is read twice.
    /// </summary>
    public static TarEntryType Of(FileSystemInfo entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.LinkTarget is not null)
        {
            return TarEntryType.SymbolicLink;
        }

        if (entry is DirectoryInfo)
        {
            return TarEntryType.Directory;
        }

        if (entry is FileInfo { Length: > 0 })
        {
            return TarEntryType.RegularFile;
        }

        using var header = new MemoryStream();
        using (var writer = new TarWriter(header, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(entry.FullName, "probe");
        }

        header.Position = 0;
        using var reader = new TarReader(header);
        return reader.GetNextEntry()?.EntryType ?? TarEntryType.RegularFile;
    }

    /// <summary>The words an operator knows for a tar entry type ("symbolic link", "FIFO").</summary>
    public static string Describe(TarEntryType type) => type switch
    {
        TarEntryType.SymbolicLink => "a symbolic link",
        TarEntryType.HardLink => "a hard link",
        TarEntryType.Directory => "a directory",
        TarEntryType.CharacterDevice => "a character device",
        TarEntryType.BlockDevice => "a block device",
        TarEntryType.Fifo => "a FIFO",
        TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => "a regular file",
        _ => $"a tar entry of type {type}",
    };
}
