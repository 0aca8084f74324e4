using System.Diagnostics;

namespace DistributedCloud.Networking.Bench;

/// <summary>Times an operation over a batch: one warm-up round, then the median of the measured rounds.</summary>
public sealed record Measurement(string Name, int Operations, double MedianMilliseconds, double BestMilliseconds, long AllocatedBytesPerOperation)
{
    public double MicrosecondsPerOperation => MedianMilliseconds * 1000 / Operations;

    public double OperationsPerSecond => Operations / (MedianMilliseconds / 1000);

    public static Measurement Of(string name, int operations, int rounds, Func<int> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var check = batch();
        var times = new List<double>();
        long allocated = 0;
        for (var i = 0; i < rounds; i++)
        {
            GC.Collect();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            var result = batch();
            watch.Stop();
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (result != check)
            {
                throw new InvalidOperationException($"{name}: batch gave {result} then {check}; the benchmark is not deterministic");
            }

            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return new Measurement(name, operations, times[times.Count / 2], times[0], allocated / operations);
    }

    public string ToMarkdownRow() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"| {Name} | {Operations:N0} | {MedianMilliseconds:F1} | {BestMilliseconds:F1} | {MicrosecondsPerOperation:F2} | {OperationsPerSecond:N0} | {AllocatedBytesPerOperation:N0} |");
}
