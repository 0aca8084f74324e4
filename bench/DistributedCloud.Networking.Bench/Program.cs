using DistributedCloud.Networking.Bench;

// Runs the networking benchmarks and prints one Markdown table row per measurement.
var rounds = args.Length > 0 && int.TryParse(args[0], out var r) && r > 0 ? r : 5;
return NetworkingBenchmarks.Run(rounds, Console.Out);
