using Microsoft.Extensions.Options;
using Quartz;
using WineB24.Bitrix24App.Storage;

namespace WineB24.Bitrix24App.Jobs;

/// <summary>
/// Quartz.NET with a persistent store in the app's database (the same SQLite file by default, PostgreSQL with
/// optional clustering by configuration). Features schedule durable jobs through <see cref="ISchedulerFactory"/>.
/// </summary>
public static class JobsModule
{
    public static IServiceCollection AddAppJobs(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<JobsOptions>()
            .Bind(configuration.GetSection(JobsOptions.Section))
            .ValidateDataAnnotations()
            .Validate<IOptions<DatabaseOptions>>(
                (jobs, database) => !jobs.Clustered || database.Value.Provider == DatabaseProvider.Postgres,
                "Jobs:Clustered needs Database:Provider=Postgres (a SQLite file cannot be shared by instances).")
            .ValidateOnStart();

        // Quartz takes its store settings while services are registered, so they are read here, not from IOptions.
        var jobs = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        var provider = configuration.GetSection(DatabaseOptions.Section).GetValue(nameof(DatabaseOptions.Provider), DatabaseProvider.Sqlite);
        var connectionString = StorageModule.ResolveConnectionString(configuration.GetConnectionString("Default"), provider, contentRoot);

        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = jobs.InstanceName);
            q.UsePersistentStore(store =>
            {
                if (provider == DatabaseProvider.Postgres)
                {
                    store.UsePostgres(connectionString);
                    if (jobs.Clustered)
                    {
                        store.UseClustering(c =>
                        {
                            c.CheckinInterval = TimeSpan.FromSeconds(5);
                            c.CheckinMisfireThreshold = TimeSpan.FromSeconds(15);
                        });
                    }
                }
                else
                {
                    store.UseSqlite(connectionString);
                }
                store.ProvisionSchema();
            });
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
