Console.Error.WriteLine("The networking benchmark is being written; see docs/benchmarks.md.");
return 2;
