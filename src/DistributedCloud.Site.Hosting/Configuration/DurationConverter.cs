using System.ComponentModel;
using System.Globalization;

namespace DistributedCloud.Site.Hosting.Configuration;

/// <summary>
/// Reads every <see cref="TimeSpan"/> setting the way operators write durations everywhere in the product ("500ms",
/// "30s", "5m", "2h", "7d"; "hh:mm:ss" still accepted), so options keep their <see cref="TimeSpan"/> type and the
/// configuration binder reports a bad value by its key. Registered once per process by <see cref="Register"/>.
/// </summary>
public sealed class DurationConverter : TimeSpanConverter
{
    private static int _registered;

    /// <summary>Makes the configuration binder (and every TypeDescriptor user) read TimeSpans with <see cref="Durations"/>.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            TypeDescriptor.AddAttributes(typeof(TimeSpan), new TypeConverterAttribute(typeof(DurationConverter)));
        }
    }

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text
            ? Durations.TryParse(text, out var duration)
                ? duration
                : throw new FormatException($"'{text}' is not a duration; use {Durations.Forms}.")
            : base.ConvertFrom(context, culture, value);
}
