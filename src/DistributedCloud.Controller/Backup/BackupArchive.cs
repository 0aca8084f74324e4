using System.Buffers;
using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace DistributedCloud.Controller.Backup;

/// <summary>
/// Reads a controller backup (S-8a) and checks all of it: the manifest first, then every entry against it (a regular
/// file, a path that stays inside the data directory, listed once, its size and SHA-256), nothing missing and nothing
/// more, and the gzip stream whole to its end (its CRC and length, so a truncated file is never taken for a complete
/// one). <see cref="Verify"/> only reads; <see cref="Extract"/> writes the files into a directory while checking them
/// again, for the restore's second pass.
/// </summary>
public static class BackupArchive
{
    private const string WayOut = "use an intact copy of the backup (compare its size and sha256sum with the original); nothing was written";

    /// <summary>Reads the whole archive and returns its manifest; throws <see cref="BackupRefusedException"/> naming the first problem.</summary>
    public static BackupManifest Verify(string archive) => Read(archive, null);

    /// <summary>As <see cref="Verify"/>, writing each file under <paramref name="directory"/> (0600, its directories 0700).</summary>
    public static BackupManifest Extract(string archive, string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return Read(archive, Path.GetFullPath(directory));
    }

    private static BackupManifest Read(string archive, string? extractTo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(archive);
        try
        {
            using var file = new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var fileLength = file.Length;
            using var gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
            using var counted = new CountingReadStream(gzip);
            BackupManifest manifest;
            using (var tar = new TarReader(counted, leaveOpen: true))
            {
                manifest = ReadManifest(archive, tar);
                ReadFiles(archive, tar, manifest, extractTo);
            }

            CheckEnd(archive, file, fileLength, counted);
            return manifest;
        }
        catch (FileNotFoundException)
        {
            throw new BackupRefusedException(archive, "does not exist", "give the backup file written by --backup; nothing was written");
        }
        catch (UnauthorizedAccessException denied)
        {
            throw new BackupRefusedException(archive, $"cannot be read ({denied.Message})", "run the restore as a user that may read it; nothing was written", denied);
        }
        catch (Exception damaged) when (damaged is InvalidDataException or EndOfStreamException or FormatException or OverflowException
            || (damaged is IOException && extractTo is null))
        {
            throw new BackupRefusedException(archive, $"is damaged or truncated ({damaged.Message})", WayOut, damaged);
        }
    }

    private static BackupManifest ReadManifest(string archive, TarReader tar)
    {
        var first = tar.GetNextEntry(copyData: false)
            ?? throw new BackupRefusedException(archive, "holds no entries", WayOut);
        if (first.Name != BackupFormat.ManifestEntry || !IsRegular(first.EntryType))
        {
            throw new BackupRefusedException(archive, $"its first entry is '{first.Name}', not {BackupFormat.ManifestEntry}: this is not a controller backup",
                "give a file written by DistributedCloud.Controller --backup; nothing was written");
        }

        if (first.Length > BackupFormat.MaxManifestBytes)
        {
            throw new BackupRefusedException(archive, $"its {BackupFormat.ManifestEntry} is {first.Length} bytes, too large to be a manifest", WayOut);
        }

        var bytes = new byte[first.Length];
        if (first.DataStream is { } data)
        {
            data.ReadExactly(bytes);
        }
        else if (bytes.Length > 0)
        {
            throw new EndOfStreamException($"{BackupFormat.ManifestEntry} has no data");
        }

        return BackupManifest.Parse(bytes, archive);
    }

    private static void ReadFiles(string archive, TarReader tar, BackupManifest manifest, string? extractTo)
    {
        var expected = manifest.Files.ToDictionary(f => BackupPaths.EntryName(f.Path), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (tar.GetNextEntry(copyData: false) is { } entry)
        {
            var name = entry.Name;
            if (!IsRegular(entry.EntryType))
            {
                throw new BackupRefusedException(archive, $"entry '{name}' is {FileKinds.Describe(entry.EntryType)}; a controller backup holds regular files only", WayOut);
            }

            var relative = name.StartsWith(BackupFormat.DataPrefix, StringComparison.Ordinal) ? name[BackupFormat.DataPrefix.Length..] : null;
            if (relative is null || !BackupPaths.IsSafeRelative(relative) || (extractTo is not null && BackupPaths.Resolve(extractTo, relative) is null))
            {
                throw new BackupRefusedException(archive, $"entry '{name}' would be written outside the data directory", WayOut);
            }

            if (!expected.TryGetValue(name, out var listed))
            {
                throw new BackupRefusedException(archive, $"entry '{name}' is not in its manifest", WayOut);
            }

            if (!seen.Add(name))
            {
                throw new BackupRefusedException(archive, $"entry '{name}' appears twice", WayOut);
            }

            if (entry.Length != listed.Size)
            {
                throw new BackupRefusedException(archive, $"entry '{name}' is {entry.Length} bytes, its manifest says {listed.Size}", WayOut);
            }

            var sha256 = extractTo is null ? Hash(entry.DataStream, entry.Length, null) : WriteFile(extractTo, relative, entry);
            if (sha256 != listed.Sha256)
            {
                throw new BackupRefusedException(archive, $"entry '{name}' does not match its SHA-256 in the manifest (damaged)", WayOut);
            }
        }

        if (expected.Keys.FirstOrDefault(k => !seen.Contains(k)) is { } missing)
        {
            throw new BackupRefusedException(archive, $"entry '{missing}' of its manifest is missing (the file is truncated or was altered)", WayOut);
        }
    }

    /// <summary>After the tar's end: only its zero padding, then the gzip trailer, whose length must be what was read.</summary>
    private static void CheckEnd(string archive, FileStream file, long fileLength, CountingReadStream counted)
    {
        var rest = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int read;
            while ((read = counted.Read(rest, 0, rest.Length)) > 0)
            {
                if (rest.AsSpan(0, read).ContainsAnyExcept((byte)0))
                {
                    throw new BackupRefusedException(archive, "has data after the end of its tar archive", WayOut);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rest);
        }

        // RFC 1952: the last four bytes are the uncompressed length mod 2^32. The decompressor checks the CRC when it
        // reaches the trailer; comparing the length as well refuses a file cut anywhere, the trailer included.
        Span<byte> trailer = stackalloc byte[4];
        if (fileLength < 18 || RandomAccess.Read(file.SafeFileHandle, trailer, fileLength - 4) != 4
            || BinaryPrimitives.ReadUInt32LittleEndian(trailer) != unchecked((uint)counted.Count))
        {
            throw new BackupRefusedException(archive, "is truncated (its gzip trailer does not match the data read)", WayOut);
        }
    }

    private static string WriteFile(string root, string relative, TarEntry entry)
    {
        var path = BackupPaths.Resolve(root, relative)!;
        OwnerOnly.CreateDirectory(Path.GetDirectoryName(path)!);
        using var output = OwnerOnly.CreateFile(path);
        var sha256 = Hash(entry.DataStream, entry.Length, output);
        output.Flush(flushToDisk: true);
        return sha256;
    }

    private static string Hash(Stream? data, long length, Stream? copy)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (data is not null)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
            try
            {
                long total = 0;
                int read;
                while ((read = data.Read(buffer, 0, buffer.Length)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    copy?.Write(buffer, 0, read);
                    total += read;
                }

                if (total != length)
                {
                    throw new EndOfStreamException($"an entry ends after {total} of its {length} bytes");
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        else if (length > 0)
        {
            throw new EndOfStreamException("an entry has no data");
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static bool IsRegular(TarEntryType type) => type is TarEntryType.RegularFile or TarEntryType.V7RegularFile;
}
