// Reporting at the scale of a real trust (issue 13): loads a synthetic history for N schools × M months through the
// consumers' own fold code (FilterEventsAcceptedConsumer.Take, IncidentEntry, ReferralEntry, ConsentState, AupState,
// DeviceState, RollupChanges.Stage) into a reporting database, then measures the views' read path (ReadModelReader and
// the view builders the endpoints call) for 1 month, 1 year and 3 years, and the process's RSS.
//   dotnet run -c Release --project bench/TrustSafety.ReportingBench -- load    [--schools 60] [--months 36] [--events-per-pupil-day 1]
//   dotnet run -c Release --project bench/TrustSafety.ReportingBench -- rebuild   (every school's rollups from its stored facts)
//   dotnet run -c Release --project bench/TrustSafety.ReportingBench -- measure [--iterations 40] [--breakdown]
// Connection: TS_PG_* from .run/infra.env; database trustsafety_reporting_bench (created if absent).
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using JasperFx;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using TrustSafety.Contracts.FilteringIngest;
using TrustSafety.Contracts.Reference;
using TrustSafety.Reporting;
using TrustSafety.Reporting.Coverage;
using TrustSafety.Reporting.Devices;
using TrustSafety.Reporting.Filtering;
using TrustSafety.Reporting.Incidents;
using TrustSafety.Reporting.PrintingGovernorPack;
using TrustSafety.Reporting.Periods;
using TrustSafety.Reporting.ReadModels;
using TrustSafety.Reporting.RebuildingRollups;
using TrustSafety.Reporting.Rollups;
using TrustSafety.Reporting.ViewingSchoolSummary;
using TrustSafety.Reporting.Suppression;
using TrustSafety.Reporting.ViewingTrustSummary;
using TrustSafety.Platform;

var mode = args.FirstOrDefault() ?? "measure";
int Arg(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } v ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
var schoolCount = Arg("--schools", 60);
var monthCount = Arg("--months", 36);
var eventsPerPupilDay = Arg("--events-per-pupil-day", 1);
var iterations = Arg("--iterations", 40);

string Env(string k, string d) => Environment.GetEnvironmentVariable(k) is { Length: > 0 } v ? v : d;
var admin = new NpgsqlConnectionStringBuilder
{
    Host = Env("TS_PG_HOST", "127.0.0.1"), Port = int.Parse(Env("TS_PG_PORT", "5432"), System.Globalization.CultureInfo.InvariantCulture), Username = Env("TS_PG_USER", "trustsafety"),
    Password = Env("TS_PG_PASSWORD", "trustsafety"), Database = "postgres",
};
const string Database = "trustsafety_reporting_bench";
var connectionString = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = Database, MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 }.ConnectionString;

var schools = Enumerable.Range(0, schoolCount).Select(i => new School($"{150000 + i}", $"Bench School {i + 1}", $"bench-{i + 1}", 600 + (i * 37) % 1200)).ToList();
var now = DateTimeOffset.UtcNow;
var lastMonth = new DateOnly(now.Year, now.Month, 1);
var firstMonth = lastMonth.AddMonths(-(monthCount - 1));

var store = DocumentStore.For(opts =>
{
    opts.Connection(connectionString);
    opts.DatabaseSchemaName = "reporting";
    opts.Events.DatabaseSchemaName = "reporting";
    opts.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
    opts.Events.TenancyStyle = JasperFx.MultiTenancy.TenancyStyle.Conjoined;
    opts.Policies.AllDocumentsAreMultiTenanted();
    ReportingStore.Configure(opts);
});

if (mode == "load")
{
    await using (var c = new NpgsqlConnection(admin.ConnectionString))
    {
        await c.OpenAsync();
        await using var exists = new NpgsqlCommand($"select 1 from pg_database where datname = '{Database}'", c);
        if (await exists.ExecuteScalarAsync() is not null)
        {
            await using var drop = new NpgsqlCommand($"drop database {Database} with (force)", c);
            await drop.ExecuteNonQueryAsync();
        }
        await using var create = new NpgsqlCommand($"create database {Database}", c);
        await create.ExecuteNonQueryAsync();
    }
    await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    var sw = Stopwatch.StartNew();
    long events = 0;
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
    {
        for (int i; (i = Interlocked.Increment(ref next)) < schools.Count;)
            Interlocked.Add(ref events, await LoadSchool(schools[i]));
    })));
    Console.WriteLine($"loaded {schools.Count} schools × {monthCount} months, {events:N0} filter events in {sw.Elapsed.TotalSeconds:0} s");
    await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "history.json"), JsonSerializer.Serialize(new { events, schools = schools.Count, months = monthCount }));
    return;
}

if (mode == "rebuild")
{
    // The documented rebuild (tools/rebuild-reporting.sh runs the same RollupRebuild), timed at trust scale.
    await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    var trust = new TrustSchools { Schools = schools };
    var rebuild = new RollupRebuild(store, NpgsqlDataSource.Create(connectionString), trust, TimeProvider.System,
        Microsoft.Extensions.Logging.Abstractions.NullLogger<RollupRebuild>.Instance);
    var sw = Stopwatch.StartNew();
    var reports = await rebuild.Rebuild(rebuild.AllTenants(), default);
    Console.WriteLine($"rebuilt {reports.Count} tenants ({reports.Sum(r => r.Batches):N0} batches, {reports.Sum(r => r.Incidents):N0} incidents) in {sw.Elapsed.TotalSeconds:0} s");
    return;
}

// measure
var history = File.Exists(Path.Combine(AppContext.BaseDirectory, "history.json"))
    ? JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "history.json")))!["events"]!.GetValue<long>() : 0;
var dataSource = NpgsqlDataSource.Create(connectionString);
var options = Options.Create(new ReportingOptions());
var reader = new ReadModelReader(dataSource, new RepeatPatterns(TimeProvider.System, options), TimeProvider.System);
var key = System.Text.Encoding.UTF8.GetBytes(options.Value.PseudonymKey);

// The endpoints' own read paths (TrustSummaryEndpoint.Read, SchoolSummaryEndpoint.Build), without HTTP and JSON.
async Task<object> Overview(MonthRange range) => await TrustSummaryEndpoint.Read(reader, schools, range, SuppressionPolicy.SmallNumbers, key, default);
async Task<object> SchoolSummary(MonthRange range) => await SchoolSummaryEndpoint.Build(schools[0], range, reader, default);
async Task<string> TrustPack(MonthRange range)
{
    var figures = await reader.Figures(schools, range, detail: false, default);
    var cells = await reader.IncidentCells(schools.Select(s => s.Urn).ToList(), range, default);
    return GovernorPack.Build("Trust board pack", "Bench trust", "bench", IncidentMatrix.Build(schools, range, cells, SuppressionPolicy.SmallNumbers),
        figures, [], SuppressionPolicy.SmallNumbers, now, now).ToHtml();
}

var m1 = new MonthRange(lastMonth, lastMonth);
var y1 = new MonthRange(lastMonth.AddMonths(-11), lastMonth);
var y3 = new MonthRange(lastMonth.AddMonths(-35), lastMonth);
var results = new Dictionary<string, object>(StringComparer.Ordinal);
void Record(string name, List<double> times)
{
    times.Sort();
    double P(double p) => Math.Round(times[Math.Clamp((int)Math.Ceiling(p * times.Count) - 1, 0, times.Count - 1)], 1);
    results[$"reporting.{name}.p50_ms"] = P(0.5);
    results[$"reporting.{name}.p95_ms"] = P(0.95);
    Console.WriteLine($"{name,-22} p50 {P(0.5),7} ms   p95 {P(0.95),7} ms");
}
// Calls measured in interleaved rounds, after ten warm-up rounds (JIT tiers, pools, snapshots): a slow spell of the
// machine then hits every call alike, and no call pays the others' warm-up.
async Task MeasureRounds(params (string Name, Func<Task> Call)[] calls)
{
    for (var i = 0; i < 10; i++) foreach (var c in calls) await c.Call();
    var times = calls.ToDictionary(c => c.Name, _ => new List<double>(), StringComparer.Ordinal);
    for (var i = 0; i < iterations; i++)
        foreach (var c in calls)
        {
            var sw = Stopwatch.StartNew();
            await c.Call();
            times[c.Name].Add(sw.Elapsed.TotalMilliseconds);
        }
    foreach (var c in calls) Record(c.Name, times[c.Name]);
}
Task Measure(string name, Func<Task> call) => MeasureRounds((name, call));
if (args.Contains("--breakdown"))
{
    var conn = await dataSource.OpenConnectionAsync();
    await Measure("part.figures_3y", () => reader.Figures(schools, y3, detail: false, default));
    await Measure("part.categories_3y", () => reader.TrustFilterCategories(y3, default));
    await Measure("part.repeats", () => new RepeatPatterns(TimeProvider.System, options).For(conn, schools.Select(s => s.Urn).ToList(), RepeatPatterns.EndWeek(y3, now), default));
    await Measure("part.months_3y", async () => { await using var c = await dataSource.OpenConnectionAsync(); await Dapper.SqlMapper.QueryAsync<MonthRow>(c,
        "select school, month, reported, closed, filter_events as FilterEvents, alerts, triage from reporting.rpt_school_month where month >= @f::date",
        new { f = y3.First.ToDateTime(TimeOnly.MinValue) }); });
    var figures = await reader.Figures(schools, y3, detail: false, default);
    var cats = await reader.TrustFilterCategories(y3, default);
    await Measure("part.build", () => Task.FromResult(TrustOverview.Build(figures, cats, SuppressionPolicy.SmallNumbers, key)));
}
// Baseline in the same run: one trivial round trip to PostgreSQL, the floor every view's cost sits on.
await MeasureRounds(
    ("baseline_roundtrip", async () =>
    {
        await using var c = await dataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("select 1", c);
        await cmd.ExecuteScalarAsync();
    }),
    ("overview_1m", () => Overview(m1)),
    ("overview_1y", () => Overview(y1)),
    ("overview_3y", () => Overview(y3)),
    ("school_summary_3y", () => SchoolSummary(y3)),
    ("pack_3y", () => TrustPack(y3)));
GC.Collect();
using var self = Process.GetCurrentProcess();
self.Refresh();
results["reporting.rss_mib_3y"] = Math.Round(self.WorkingSet64 / 1048576.0, 0);
results["reporting.history_events"] = history;
results["reporting.overview_3y_over_1m"] = Math.Round((double)results["reporting.overview_3y.p95_ms"] / (double)results["reporting.overview_1m.p95_ms"], 2);
await using (var c = await dataSource.OpenConnectionAsync())
{
    foreach (var table in new[] { "rpt_count", "rpt_school_month", "rpt_subject_week", "mt_doc_filterbatch", "mt_doc_incidententry" })
    {
        await using var cmd = new NpgsqlCommand($"select count(*) from reporting.{table}", c);
        results[$"reporting.rows.{table}"] = (long)(await cmd.ExecuteScalarAsync())!;
    }
}
Console.WriteLine(JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "reporting-results.json"), JsonSerializer.Serialize(results));
return;

async Task<long> LoadSchool(School school)
{
    // Seeded by the URN's characters, not string.GetHashCode (randomised per process), so every run loads the same data.
    var rng = new Random(school.Urn.Aggregate(17, (h, c) => unchecked((h * 31) + c)));
    string[] categories = ["social-media", "games", "adult-content", "gambling", "streaming", "proxy-vpn", "violence", "self-harm", "weapons", "drugs",
        "hate", "extremism", "malware", "chat", "dating"];
    string FourC(string c) => c switch { "chat" or "dating" or "social-media" => "contact", "gambling" or "malware" => "commerce", "proxy-vpn" or "games" => "conduct", _ => "content" };
    var pupils = school.Pupils;
    long total = 0;
    IDocumentSession? session = null;
    RollupChanges rollups = new();
    async Task Commit(DateTimeOffset at)
    {
        if (session is null) return;
        rollups.Received(school.Urn, at, at.AddSeconds(2));
        rollups.Stage(session);
        await session.SaveChangesAsync();
        await session.DisposeAsync();
        (session, rollups) = (null, new RollupChanges());
    }
    var lastAt = now;
    for (var day = firstMonth; day <= DateOnly.FromDateTime(now.UtcDateTime); day = day.AddDays(1))
    {
        // One transaction per school week, as the batch consumer takes a burst in one transaction.
        if (day.DayOfWeek == DayOfWeek.Monday) await Commit(lastAt);
        if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || day.Month == 8) continue; // school days only
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
        var count = pupils * eventsPerPupilDay;
        var events = new List<FilterEventSummary>(count);
        for (var e = 0; e < count; e++)
        {
            var pupil = rng.Next(pupils);
            var category = categories[Math.Min(categories.Length - 1, (int)(rng.NextDouble() * rng.NextDouble() * categories.Length))];
            events.Add(new FilterEventSummary(at.AddSeconds(e % 20000), category, FourC(category), category is "self-harm" or "extremism" ? 4 : 1 + pupil % 3,
                rng.Next(10) == 0 ? "allowed" : "blocked", $"d{school.Urn}-{pupil}", $"u{school.Urn}-{pupil}"));
        }
        var batch = new AcceptedFilterBatch(Guid.CreateVersion7(), Guid.Parse($"00000000-0000-7000-8000-{school.Urn.PadLeft(12, '0')}"), "smoothwall", at, events);
        session ??= store.LightweightSession(school.Urn);
        lastAt = at;
        await FilterEventsAcceptedConsumer.Take(session, school.Urn, [batch], rollups, default);
        foreach (var alert in events.Where(x => x.Severity >= 4).Take(3))
        {
            var record = new AlertRecord { Id = Guid.CreateVersion7(), SchoolUrn = school.Urn, EventAt = alert.At, RaisedAt = alert.At, Vendor = "smoothwall",
                Category = alert.Category, FourC = alert.FourC, Severity = alert.Severity, Action = alert.Action };
            session.Insert(record);
            FilterRollups.Raised(rollups, record);
        }
        // About one concern a school day in three, some referred, most closed within weeks.
        if (rng.Next(3) == 0)
        {
            var id = Guid.CreateVersion7();
            var entry = new IncidentEntry { Id = id, SchoolUrn = school.Urn };
            var category = IncidentCategories.All[rng.Next(IncidentCategories.All.Count)];
            entry.Take(new ReportedIncident { Id = id, SchoolUrn = school.Urn, ReportedAt = at, HappenedAt = at, Source = "staff", Category = category });
            entry.Take(new TriagedIncident { Id = id, SchoolUrn = school.Urn, ReportedAt = at, FirstTriagedAt = at.AddHours(rng.Next(1, 48)),
                LastTriagedAt = at.AddHours(48), Category = category, FourC = "conduct", Severity = rng.Next(1, 5) });
            if (at < now.AddDays(-30) || rng.Next(2) == 0)
                entry.Take(new IncidentStatusChange { Id = Guid.NewGuid(), IncidentId = id, SchoolUrn = school.Urn, Closed = true, At = at.AddDays(rng.Next(1, 30)), Outcome = "resolved" });
            session.Store(entry.Refreshed());
            IncidentEntry.Contribute(rollups, entry.Row()!, +1);
            if (rng.Next(5) == 0)
            {
                var referral = new ReferralEntry { Id = Guid.CreateVersion7(), SchoolUrn = school.Urn,
                    Made = new ReferralRecord { Id = Guid.CreateVersion7(), IncidentId = id, SchoolUrn = school.Urn, Destination = rng.Next(2) == 0 ? "mash" : "police",
                        MadeOn = day, DueOn = day.AddDays(14), At = at } };
                if (at < now.AddDays(-20)) referral.Outcome = new ReferralOutcomeRecord { Id = referral.Id, IncidentId = id, SchoolUrn = school.Urn, Destination = "mash", Outcome = "nfa", At = at.AddDays(10) };
                session.Store(referral);
                ReferralEntry.Contribute(rollups, referral, +1);
            }
        }
        total += count;
    }
    await Commit(lastAt);
    // Coverage snapshots: every pupil's photography consent, pupil AUP signatures, one device per two pupils.
    await using (var coverage = store.LightweightSession(school.Urn))
    {
        var r = new RollupChanges();
        for (var p = 0; p < pupils; p++)
        {
            var consent = new ConsentState { Id = ConsentState.IdFor($"P-{p}", "photography"), SchoolUrn = school.Urn,
                Latest = new ConsentChange { SchoolUrn = school.Urn, PupilId = $"P-{p}", ConsentType = "photography", Kind = p % 9 == 0 ? ConsentKinds.Declined : ConsentKinds.Given,
                    At = now.AddDays(-100), ValidUntil = DateOnly.FromDateTime(now.UtcDateTime).AddDays(p % 400 - 30) } };
            coverage.Store(consent);
            ConsentState.Contribute(r, consent, +1);
            var aup = new AupState { Id = AupState.IdFor($"P-{p}", "pupil"), SchoolUrn = school.Urn,
                Latest = new AupChange { SchoolUrn = school.Urn, PersonId = $"P-{p}", Audience = "pupil", Signed = p % 7 != 0, Version = 1 + p % 2, At = now.AddDays(-50) } };
            coverage.Store(aup);
            AupState.Contribute(r, aup, +1);
            if (p % 2 == 0)
            {
                var device = new DeviceState { Id = Guid.CreateVersion7(), SchoolUrn = school.Urn, Changes =
                    [new DeviceChange { Id = Guid.NewGuid(), SchoolUrn = school.Urn, Kind = DeviceChangeKinds.Registered, At = now.AddDays(-300) },
                     new DeviceChange { Id = Guid.NewGuid(), SchoolUrn = school.Urn, Kind = DeviceChangeKinds.Assigned, At = now.AddDays(-299) }] };
                coverage.Store(device);
                DeviceState.Contribute(r, device, +1);
            }
        }
        AupState.Published(r, new AupVersionRecord { SchoolUrn = school.Urn, Audience = "pupil", Version = 2 });
        r.Stage(coverage);
        await coverage.SaveChangesAsync();
    }
    Console.WriteLine($"  {school.Urn}: {total:N0} events");
    return total;
}
