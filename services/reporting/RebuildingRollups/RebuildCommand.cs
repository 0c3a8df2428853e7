using Marten;

namespace TrustSafety.Reporting.RebuildingRollups;

/// <summary>
/// <c>TrustSafety.Reporting rebuild-rollups [urn ...]</c>: rebuilds the rollups of the schools named (default: every
/// school and the trust's unattributed facts) with the service's own configuration, while the service keeps serving.
/// </summary>
public static class RebuildCommand
{
    public const string Name = "rebuild-rollups";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var store = app.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var rebuild = app.Services.GetRequiredService<RollupRebuild>();
        var tenants = args.Length > 1 ? args[1..] : rebuild.AllTenants();
        var unknown = tenants.Except(rebuild.AllTenants(), StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            await Console.Error.WriteLineAsync($"Not a school of this trust: {string.Join(", ", unknown)}. Give URNs from Trust:Schools, or none for all.");
            return 2;
        }
        foreach (var report in await rebuild.Rebuild(tenants, CancellationToken.None))
            Console.WriteLine($"{report.School}: {report.Batches} filter batches, {report.Alerts} alerts, {report.Incidents} incidents, " +
                              $"{report.Referrals} referrals, {report.Consents} consent answers, {report.Aups} AUP signatories, {report.Devices} devices " +
                              $"in {report.Took.TotalSeconds:0.0} s");
        return 0;
    }
}
