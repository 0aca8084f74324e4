namespace DistributedCloud.Controller.Tests.Support;

/// <summary>Waits for a condition the background loops bring about; fails with what was seen when it never holds.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{what} did not happen within {Limit.TotalSeconds:0} s; last seen: {value}");
            }

            await Task.Delay(20);
        }
    }
}
