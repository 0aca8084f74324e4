using System.Globalization;
using DistributedCloud.Controller.Simulator.Agent;
using DistributedCloud.Controller.Simulator.Driver;

// usage: serve SITES PORT [--eager] [--tls TOKENS_FILE] simulated agents for sites 0..SITES-1 on 127.1.x.y:PORT
//                                                      (--eager: every site created before the port opens; --tls:
//                                                      TLS and enrollment with the join tokens "add" writes there)
//        add CONTROLLER_URL FIRST COUNT PORT PARALLEL  add sites FIRST..FIRST+COUNT-1 as subclouds
// The driver's commands reach a TLS controller with SIM_CONTROLLER_CONFIG=its access/dcctl.yaml (its CA and token);
// "add" appends each subcloud's join token to SIM_TOKENS (NAME<TAB>TOKEN lines) when that is set.
//        manage CONTROLLER_URL COUNT PARALLEL          manage sites 0..COUNT-1
//        wait CONTROLLER_URL COUNT online|in-sync TIMEOUT_S   until COUNT subclouds are online (and in-sync)
//        strategy CONTROLLER_URL COUNT MAX_PARALLEL TIMEOUT_S  dual-stack strategy on sites 0..COUNT-1
int N(int i) => int.Parse(args[i], CultureInfo.InvariantCulture);
switch (args.FirstOrDefault())
{
    case "serve" when args.Length >= 3:
        var eager = args.Skip(3).Contains("--eager");
        var tlsAt = Array.IndexOf(args, "--tls");
        if (tlsAt > 0 && tlsAt + 1 >= args.Length)
        {
            Console.Error.WriteLine("--tls needs the tokens file");
            return 2;
        }

        await using (var app = SimulatorHost.Build(N(1), N(2), tlsAt > 0 ? args[tlsAt + 1] : null))
        {
            if (eager)
            {
                app.Services.GetRequiredService<SimulatedFleet>().CreateAll();
            }

            await app.StartAsync();
            Console.WriteLine("READY");
            await app.WaitForShutdownAsync();
        }

        return 0;
    case "add" when args.Length == 6:
        using (var driver = FleetDriver.Connect(args[1]))
        {
            await driver.AddAsync(N(2), N(3), N(4), N(5));
        }

        return 0;
    case "manage" when args.Length == 4:
        using (var driver = FleetDriver.Connect(args[1]))
        {
            await driver.ManageAsync(N(2), N(3));
        }

        return 0;
    case "wait" when args.Length == 5 && args[3] is "online" or "in-sync":
        using (var driver = FleetDriver.Connect(args[1]))
        {
            return await driver.WaitAsync(N(2), args[3] == "in-sync", TimeSpan.FromSeconds(N(4))) ? 0 : 1;
        }

    case "strategy" when args.Length == 5:
        using (var driver = FleetDriver.Connect(args[1]))
        {
            return await driver.DualStackStrategyAsync(N(2), N(3), TimeSpan.FromSeconds(N(4))) ? 0 : 1;
        }

    default:
        Console.Error.WriteLine("usage: serve SITES PORT [--eager] [--tls TOKENS_FILE] | add URL FIRST COUNT PORT PARALLEL | manage URL COUNT PARALLEL | wait URL COUNT online|in-sync TIMEOUT_S | strategy URL COUNT MAX_PARALLEL TIMEOUT_S");
        return 2;
}
