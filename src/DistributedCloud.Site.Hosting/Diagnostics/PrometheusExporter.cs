using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace DistributedCloud.Site.Hosting.Diagnostics;

/// <summary>
/// A small Prometheus text-format (0.0.4) exporter over <see cref="System.Diagnostics.Metrics"/>: listens to every
/// instrument of the project's meters ("DistributedCloud.*") and of ASP.NET Core's request meter (every gRPC call's
/// duration and status, <c>http_server_request_duration_seconds</c> by <c>http_route</c> = the method), keeps counters as sums, up-down counters and gauges as
/// values, histograms as cumulative buckets with sum and count, per tag set. Names: dots become underscores, counters
/// end in <c>_total</c>, histograms carry their unit (<c>_seconds</c>, <c>_milliseconds</c>).
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    private static readonly double[] SecondsBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] MillisecondsBuckets = [0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, Series> _series = new();
    private readonly Lock _collect = new();

    private static readonly string[] DefaultMeters = ["DistributedCloud.", "Microsoft.AspNetCore.Hosting"];

    /// <param name="meterPrefixes">The meters exported, by name prefix.</param>
    public PrometheusExporter(params string[] meterPrefixes)
    {
        var prefixes = meterPrefixes.Length == 0 ? DefaultMeters : meterPrefixes;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (prefixes.Any(prefix => instrument.Meter.Name.StartsWith(prefix, StringComparison.Ordinal)))
            {
                _series.TryAdd(instrument, new Series(instrument));
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) => _series.TryRemove(instrument, out Series? _);
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<float>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    /// <summary>Every series in the Prometheus text format, observable instruments read now.</summary>
    public string Scrape()
    {
        lock (_collect)
        {
            _listener.RecordObservableInstruments();
        }

        var text = new StringBuilder();
        var byName = _series.Values.GroupBy(s => s.MetricName).OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in byName)
        {
            var first = group.First();
            text.Append("# HELP ").Append(group.Key).Append(' ').Append(Escape(first.Instrument.Description ?? first.Instrument.Name, label: false)).Append('\n');
            text.Append("# TYPE ").Append(group.Key).Append(' ').Append(first.Type).Append('\n');
            foreach (var series in group)
            {
                series.WriteTo(text);
            }
        }

        return text.ToString();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_series.TryGetValue(instrument, out var series))
        {
            series.Record(value, Labels(tags));
        }
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return string.Empty;
        }

        var pairs = new List<(string Key, string Value)>(tags.Length);
        foreach (var tag in tags)
        {
            pairs.Add((Sanitize(tag.Key), Escape(Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? string.Empty, label: true)));
        }

        pairs.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return string.Join(',', pairs.Select(p => $"{p.Key}=\"{p.Value}\""));
    }

    internal static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    private static string Escape(string value, bool label)
    {
        var escaped = value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return label ? escaped.Replace("\"", "\\\"", StringComparison.Ordinal) : escaped;
    }

    private static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    public void Dispose() => _listener.Dispose();

    /// <summary>One instrument's values per label set.</summary>
    private sealed class Series
    {
        private readonly ConcurrentDictionary<string, double[]> _values = new(StringComparer.Ordinal);
        private readonly double[] _bounds;
        private readonly Kind _kind;

        public Series(Instrument instrument)
        {
            Instrument = instrument;
            var generic = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : instrument.GetType();
            _kind = generic == typeof(Counter<>) || generic == typeof(ObservableCounter<>) ? Kind.Counter
                : generic == typeof(Histogram<>) ? Kind.Histogram
                : generic == typeof(UpDownCounter<>) ? Kind.Sum
                : Kind.Gauge;
            var name = Sanitize(instrument.Name);
            _bounds = instrument.Unit == "ms" ? MillisecondsBuckets : SecondsBuckets;
            MetricName = _kind switch
            {
                Kind.Counter => name + "_total",
                Kind.Histogram => name + (instrument.Unit switch { "s" => "_seconds", "ms" => "_milliseconds", _ => string.Empty }),
                _ => name,
            };
        }

        private enum Kind
        {
            Counter,
            Sum,
            Gauge,
            Histogram,
        }

        public Instrument Instrument { get; }

        public string MetricName { get; }

        public string Type => _kind switch
        {
            Kind.Counter => "counter",
            Kind.Histogram => "histogram",
            _ => "gauge",
        };

        public void Record(double value, string labels)
        {
            // Counters and sums: [total]; gauges: [last]; histograms: [count per bucket..., +Inf count, sum].
            var cells = _values.GetOrAdd(labels, _ => new double[_kind == Kind.Histogram ? _bounds.Length + 2 : 1]);
            lock (cells)
            {
                switch (_kind)
                {
                    case Kind.Counter when Instrument.IsObservable:
                    case Kind.Gauge:
                        cells[0] = value;
                        break;
                    case Kind.Counter:
                    case Kind.Sum:
                        cells[0] += value;
                        break;
                    default:
                        var bucket = Array.FindIndex(_bounds, b => value <= b);
                        cells[bucket < 0 ? _bounds.Length : bucket]++;
                        cells[^1] += value;
                        break;
                }
            }
        }

        public void WriteTo(StringBuilder text)
        {
            foreach (var (labels, cells) in _values.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                lock (cells)
                {
                    if (_kind != Kind.Histogram)
                    {
                        Line(text, MetricName, labels, null, cells[0]);
                        continue;
                    }

                    double cumulative = 0;
                    for (var i = 0; i < _bounds.Length; i++)
                    {
                        cumulative += cells[i];
                        Line(text, MetricName + "_bucket", labels, Format(_bounds[i]), cumulative);
                    }

                    cumulative += cells[_bounds.Length];
                    Line(text, MetricName + "_bucket", labels, "+Inf", cumulative);
                    Line(text, MetricName + "_sum", labels, null, cells[^1]);
                    Line(text, MetricName + "_count", labels, null, cumulative);
                }
            }
        }

        private static void Line(StringBuilder text, string name, string labels, string? le, double value)
        {
            text.Append(name);
            if (labels.Length > 0 || le is not null)
            {
                text.Append('{').Append(labels);
                if (le is not null)
                {
                    text.Append(labels.Length > 0 ? "," : string.Empty).Append("le=\"").Append(le).Append('"');
                }

                text.Append('}');
            }

            text.Append(' ').Append(Format(value)).Append('\n');
        }
    }
}
