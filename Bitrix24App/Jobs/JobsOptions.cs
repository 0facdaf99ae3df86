using System.ComponentModel.DataAnnotations;

namespace WineB24.Bitrix24App.Jobs;

/// <summary>Bound from the <c>Jobs</c> section.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Quartz clustering (PostgreSQL only): any number of identical instances share one job store.</summary>
    public bool Clustered { get; set; }

    /// <summary>Quartz scheduler name; every instance of one deployment must use the same one.</summary>
    [Required]
    public string InstanceName { get; set; } = "WineB24";

    /// <summary>How often each installed portal's offline event queue is swept.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan OfflineSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many times an inbound event's dispatch is tried before it is marked failed.</summary>
    [Range(1, 50)]
    public int EventDispatchAttempts { get; set; } = 5;

    /// <summary>The first retry delay of a failed dispatch; doubles with each attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan EventRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
