using System.Globalization;
using DistributedCloud.Controller.Simulator.Agent;
using DistributedCloud.Controller.Simulator.Driver;

// usage: serve SITES PORT [--eager]                    simulated agents for sites 0..SITES-1 on 127.1.x.y:PORT
//                                                      (--eager: every site created before the port opens)
//        add CONTROLLER_URL FIRST COUNT PORT PARALLEL  add sites FIRST..FIRST+COUNT-1 as subclouds
//        manage CONTROLLER_URL COUNT PARALLEL          manage sites 0..COUNT-1
//        wait CONTROLLER_URL COUNT online|in-sync TIMEOUT_S   until COUNT subclouds are online (and in-sync)
//        strategy CONTROLLER_URL COUNT MAX_PARALLEL TIMEOUT_S  dual-stack strategy on sites 0..COUNT-1
int N(int i) => int.Parse(args[i], CultureInfo.InvariantCulture);
switch (args.FirstOrDefault())
{
    case "serve" when args.Length == 3 || (args.Length == 4 && args[3] == "--eager"):
        await using (var app = SimulatorHost.Build(N(1), N(2)))
        {
            if (args.Length == 4)
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
        Console.Error.WriteLine("usage: serve SITES PORT [--eager] | add URL FIRST COUNT PORT PARALLEL | manage URL COUNT PARALLEL | wait URL COUNT online|in-sync TIMEOUT_S | strategy URL COUNT MAX_PARALLEL TIMEOUT_S");
        return 2;
}
