namespace Dossiers.Tests.Fixtures;

/// <summary>Waits on state with a deadline (never a bare sleep): polls until the condition holds or time is up.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T?>> read, TimeSpan? within = null, string? what = null) where T : class
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            if (await read() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what ?? typeof(T).Name}.");
            await Task.Delay(50);
        }
    }
}
