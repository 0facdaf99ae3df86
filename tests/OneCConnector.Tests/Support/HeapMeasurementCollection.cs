namespace WineB24.OneCConnector.Tests.Support;

/// <summary>
/// Tests that measure the process's live heap (GC.GetTotalMemory) run alone, after the parallel ones: hosts and
/// service providers of other test classes running at the same time would count towards their peak.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasurementCollection
{
    public const string Name = "Heap measurement";
}
