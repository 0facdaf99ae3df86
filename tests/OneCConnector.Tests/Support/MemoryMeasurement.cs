namespace WineB24.OneCConnector.Tests.Support;

/// <summary>Tests that measure the process's heap: they run alone, never next to tests that allocate.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurement
{
    public const string Name = "Memory measurement (runs alone)";
}
