using DistributedCloud.Cli;

return await CommandRunner.RunAsync(new DcctlRootCommand(), args, Console.Out, Console.Error);
