namespace DistributedCloud.Storage;

/// <summary>The errors a store raises itself, worded for the operator who reads them when the process stops.</summary>
public static class StoreErrors
{
    /// <summary>
    /// The store's file (or database) is damaged or is not a database at all: an <see cref="InvalidDataException"/>
    /// (as hosts already report unreadable stored data) that names the store and what to do, with the engine's own
    /// error inside.
    /// </summary>
    public static InvalidDataException Corrupt(IStoreProvider provider, Exception inner)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(inner);
        return new InvalidDataException(
            $"the {provider.Name} store '{provider.Location}' is damaged or is not a database ({inner.Message.TrimEnd('.')}); "
            + "restore it from a backup, or move it away so that a new, empty store is created in its place",
            inner);
    }
}
