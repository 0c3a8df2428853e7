// Gives the demo trust a history: several months of concerns (varied categories, severities, triage times, referrals and
// closures), filter volume and safeguarding alerts per school, published as the integration events the services publish,
// so reporting takes them in through its consumers exactly as live traffic. Every id and message id is derived from the
// school, the day and a counter, so running it again changes nothing (the consumers are idempotent).
//   dotnet TrustSafety.DemoHistory.dll [--months 6]     (RabbitMQ from TS_RABBIT_HOST/PORT/USER/PASSWORD)
// Only reporting learns of these incidents: the incident service's own case files stay the ones tools/seed-demo.sh wrote.
using System.Security.Cryptography;
using System.Text;
using MassTransit;
using TrustSafety.Contracts;
using TrustSafety.Contracts.FilteringIngest;
using TrustSafety.Contracts.Incident;
using TrustSafety.Contracts.Reference;
using TrustSafety.Platform;

var months = args.SkipWhile(a => a != "--months").Skip(1).FirstOrDefault() is { } m ? int.Parse(m, System.Globalization.CultureInfo.InvariantCulture) : 6;
string Env(string k, string d) => Environment.GetEnvironmentVariable(k) is { Length: > 0 } v ? v : d;
var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(Env("TS_RABBIT_HOST", "127.0.0.1"), ushort.Parse(Env("TS_RABBIT_PORT", "5672")), "/", h =>
{
    h.Username(Env("TS_RABBIT_USER", "guest"));
    h.Password(Env("TS_RABBIT_PASSWORD", "guest"));
}));
await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

static Guid Id(string seed) => new(MD5.HashData(Encoding.UTF8.GetBytes("trustsafety-demo-history|" + seed)));
var published = 0;
async Task Publish<T>(T message, string seed) where T : class, IIntegrationEvent
{
    await bus.Publish(message, ctx =>
    {
        ctx.MessageId = Id("message|" + seed);
        ctx.Headers.Set("tenant-id", message.SchoolUrn);
    });
    published++;
}

var now = DateTimeOffset.UtcNow;
var today = DateOnly.FromDateTime(now.UtcDateTime);
var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-months);
string[] categories = [.. IncidentCategories.All.Where(c => c != "staff-misuse")];
string[] destinations = ["mash", "police", "lado", "prevent", "camhs"];
string[] filterCategories = ["social-media", "games", "streaming", "adult-content", "gambling", "proxy-vpn", "violence", "self-harm", "weapons", "extremism"];
string FourC(string c) => c switch { "social-media" => "contact", "gambling" => "commerce", "proxy-vpn" or "games" => "conduct", _ => "content" };

foreach (var school in DemoTrust.Schools)
{
    var rng = new Random(school.Urn.GetHashCode(StringComparison.Ordinal) ^ 20261202);
    // Each school has its own shape: a busier term, a category it sees most, a rising or falling filter trend.
    var busy = 0.15 + rng.NextDouble() * 0.35;
    var favourite = categories[rng.Next(categories.Length)];
    var trend = -0.3 + rng.NextDouble() * 0.8;
    var source = Id($"source|{school.Urn}");
    for (var day = first; day < today.AddDays(-14); day = day.AddDays(1))
    {
        if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || day.Month == 8) continue;
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(9 + rng.Next(6), rng.Next(60))), TimeSpan.Zero);
        var progress = (day.DayNumber - first.DayNumber) / (double)(today.DayNumber - first.DayNumber);
        var seed = $"{school.Urn}|{day:yyyy-MM-dd}";

        if (rng.NextDouble() < busy * (day.Month is 11 or 3 ? 1.6 : 1))
        {
            var incident = Id("incident|" + seed);
            var category = rng.Next(3) == 0 ? favourite : categories[rng.Next(categories.Length)];
            var fourC = category switch
            {
                "grooming-exploitation" or "online-sexual-harassment" => "contact",
                "indecent-images-of-children" or "online-hate" or "radicalisation-extremism" or "filtering-breach" => "content",
                "data-breach" => "commerce",
                _ => "conduct",
            };
            await Publish(new IncidentReported(incident, school.Urn, at, at.AddHours(-rng.Next(1, 30)), rng.Next(4) == 0 ? "filter-alert" : "staff",
                category, fourC, false), "reported|" + seed);
            var triagedAt = at.AddHours(0.5 + rng.NextDouble() * rng.Next(1, 40));
            await Publish(new IncidentTriaged(incident, school.Urn, triagedAt, at, category, fourC, 1 + rng.Next(4), rng.Next(25) == 0), "triaged|" + seed);
            if (rng.Next(5) == 0)
            {
                var made = DateOnly.FromDateTime(triagedAt.UtcDateTime);
                var referral = Id("referral|" + seed);
                var destination = destinations[rng.Next(destinations.Length)];
                await Publish(new ReferralMade(incident, referral, school.Urn, triagedAt.AddHours(1), destination, made, made.AddDays(14)), "referral|" + seed);
                if (rng.Next(4) != 0 && made.AddDays(10) < today)
                    await Publish(new ReferralOutcomeRecorded(incident, referral, school.Urn, triagedAt.AddDays(10), destination, "no-further-action"),
                        "outcome|" + seed);
            }
            var closedAt = at.AddDays(2 + rng.Next(40));
            if (closedAt < now && rng.Next(6) != 0)
                await Publish(new IncidentClosed(incident, school.Urn, closedAt, IncidentOutcomes.All[rng.Next(IncidentOutcomes.All.Count)]), "closed|" + seed);
        }

        var volume = (int)(school.Pupils * 0.05 * (1 + trend * progress) * (0.7 + rng.NextDouble() * 0.6));
        var events = Enumerable.Range(0, Math.Max(1, volume)).Select(i =>
        {
            var pupil = rng.Next(school.Pupils);
            var category = filterCategories[Math.Min(filterCategories.Length - 1, (int)(rng.NextDouble() * rng.NextDouble() * filterCategories.Length))];
            return new FilterEventSummary(at.AddMinutes(i % 400), category, FourC(category), category is "self-harm" or "extremism" ? 4 : 1 + pupil % 3,
                rng.Next(8) == 0 ? "allowed" : "blocked", $"demo-dev-{school.Slug}-{pupil % 300}", $"demo-user-{school.Slug}-{pupil}");
        }).ToList();
        await Publish(new FilterEventsAccepted(school.Urn, at, [new AcceptedFilterBatch(Id("batch|" + seed), source, "smoothwall", at, events)]), "filter|" + seed);
        foreach (var (alert, i) in events.Where(e => e.Severity >= 4).Take(2).Select((e, i) => (e, i)))
            await Publish(new SafeguardingAlertRaised(Id($"alert|{seed}|{i}"), school.Urn, alert.At.AddSeconds(5), alert.At, "smoothwall", source,
                alert.Category, alert.FourC, alert.Severity, alert.Action, null, null, null, alert.UserRef, null), $"alert|{seed}|{i}");
    }
}
await bus.StopAsync();
Console.WriteLine($"[demo-history] published {published} integration events covering {months} months for {DemoTrust.Schools.Count} schools");
