using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TrustSafety.FilteringIngest.ReceivingWebhooks;

namespace TrustSafety.Security.Tests.Matrix;

/// <summary>A column of the matrix: who calls. The vendor holds only its webhook secret (no token).</summary>
public sealed record Subject(string Column, string? User, bool Vendor = false)
{
    public static readonly IReadOnlyList<Subject> All =
    [
        new("trust-lead", "trust.lead"),
        new("dsl", "dsl.blakehill"),
        new("deputy-dsl", "deputy.blakehill"),
        new("headteacher", "head.blakehill"),
        new("staff", "staff.blakehill"),
        new("governor", "governor.blakehill"),
        new("it-admin (school)", "it.blakehill"),
        new("it-admin (trust)", "it.admin"),
        new("vendor source", null, Vendor: true),
        new("anonymous", null),
    ];
}

/// <summary>
/// The records the matrix points at: one of each in Blakehill (the callers' own school, 141001) and one in Caldecote
/// (141002), created through the gateway by the schools' own staff.
/// </summary>
public sealed class MatrixWorld(PlatformFixture platform)
{
    public static readonly string[] TenantScoped = ["{incident}", "{device}", "{source}", "{fresh-source}", "{pupil}", "{code}", "{urn}", "{notification}", "{trainee}", "{policy}", "{meeting}", "{assessment}"];
    private const string StaleVersion = "\"999999\"";

    private readonly Dictionary<string, (string Own, string Other)> _ids = new();
    private string _ownSecret = "";

    /// <summary>Ids of Caldecote's records: none may appear in an answer to a Blakehill caller.</summary>
    public IEnumerable<string> OtherSchoolIds => _ids.Where(i => i.Key is "{incident}" or "{device}" or "{source}").Select(i => i.Value.Other);

    public async Task SeedAsync()
    {
        var own = await platform.PostAsync("dsl.blakehill", "/api/incident/incidents", Concern("P-BLAKE-1"));
        var other = await platform.PostAsync("dsl.caldecote", "/api/incident/incidents", Concern("P-CALDE-1"));
        _ids["{incident}"] = (Id(own), Id(other));
        _ids["{pupil}"] = ("P-BLAKE-1", "P-CALDE-1");
        // Each new concern becomes a notification for its school's safeguarding team (notifications consumes IncidentReported).
        _ids["{notification}"] = (await NotificationOfAsync("dsl.blakehill", Id(own)), await NotificationOfAsync("dsl.caldecote", Id(other)));

        var ownDevice = await platform.PostAsync("it.blakehill", "/api/device-register/devices", Device());
        var otherDevice = await platform.PostAsync("dsl.caldecote", "/api/device-register/devices", Device());
        _ids["{device}"] = (Id(ownDevice), Id(otherDevice));

        foreach (var (dsl, pupil) in new[] { ("dsl.blakehill", "P-BLAKE-1"), ("dsl.caldecote", "P-CALDE-1") })
        {
            await platform.PostAsync(dsl, "/api/consent/roster", Roster(pupil));
            await platform.PostAsync(dsl, "/api/consent/consent-types/standard", new { });
        }
        using (var blakehill = await platform.GatewayClientFor("dsl.blakehill"))
        {
            var types = await blakehill.GetFromJsonAsync<JsonElement>("/api/consent/consent-types");
            var list = types.ValueKind == JsonValueKind.Array ? types : types.EnumerateObject().First(p => p.Value.ValueKind == JsonValueKind.Array).Value;
            var code = list.EnumerateArray().First().GetProperty("code").GetString()!;
            // The same standard type exists in both schools: "other" is a custom type defined only in Caldecote.
            await platform.PostAsync("dsl.caldecote", "/api/consent/consent-types", CustomConsentType("caldecote-only"));
            _ids["{code}"] = (code, "caldecote-only");
        }

        var ownSource = await platform.PostAsync("it.blakehill", "/api/filtering-ingest/sources", Source(null));
        var otherSource = await platform.PostAsync("it.admin", "/api/filtering-ingest/sources", Source(PlatformFixture.Caldecote));
        _ids["{source}"] = (ownSource.GetProperty("source").GetProperty("id").GetString()!,
            otherSource.GetProperty("source").GetProperty("id").GetString()!);
        _ownSecret = ownSource.GetProperty("secret").GetString()!;

        // Governance records of each school (a person's training record, a policy, a group meeting, a risk assessment).
        foreach (var (dsl, suffix) in new[] { ("dsl.blakehill", "blake"), ("dsl.caldecote", "calde") })
        {
            await platform.PutAsync(dsl, $"/api/governance/training/people/trainee-{suffix}", new { name = "Matrix Trainee", role = "staff" }, ifMatch: "\"0\"");
            await platform.PutAsync(dsl, $"/api/governance/policies/policy-{suffix}", new { title = "Matrix policy" }, ifMatch: "\"0\"");
        }
        _ids["{trainee}"] = ("trainee-blake", "trainee-calde");
        _ids["{policy}"] = ("policy-blake", "policy-calde");
        var meeting = new { heldOn = "2026-01-05", attendees = "DSL", notes = "Matrix meeting" };
        _ids["{meeting}"] = (Id(await platform.PostAsync("dsl.blakehill", "/api/governance/group/meetings", meeting)),
            Id(await platform.PostAsync("dsl.caldecote", "/api/governance/group/meetings", meeting)));
        var assessment = new
        {
            technology = "Matrix app", purpose = "Matrix check", decision = "not-approved", assessedOn = "2026-01-05", reviewOn = "2027-01-05",
            risks = new[] { new { description = "Unknown", likelihood = "low", impact = "low", mitigation = "None" } },
        };
        _ids["{assessment}"] = (Id(await platform.PostAsync("dsl.blakehill", "/api/governance/risk-assessments", assessment)),
            Id(await platform.PostAsync("dsl.caldecote", "/api/governance/risk-assessments", assessment)));

        await platform.PostAsync("trust.lead", "/api/reporting/grants", new { schoolUrn = PlatformFixture.Blakehill, reason = "Matrix: drill-down check", hours = 2 });
        _ids["{urn}"] = (PlatformFixture.Blakehill, PlatformFixture.Caldecote);
    }

    public async Task<HttpRequestMessage> RequestAsync(Endpoint endpoint, Subject subject, bool otherSchool)
    {
        var path = endpoint.Path;
        foreach (var (placeholder, ids) in _ids) path = path.Replace(placeholder, otherSchool ? ids.Other : ids.Own);
        if (path.Contains("{fresh-source}"))
            path = path.Replace("{fresh-source}", await FreshSourceAsync(otherSchool ? PlatformFixture.Caldecote : PlatformFixture.Blakehill));
        if (path.Contains("{grant}")) path = path.Replace("{grant}", await FreshGrantAsync());
        path = path.Replace("{random}", Guid.NewGuid().ToString()).Replace("{person}", "staff-matrix")
            .Replace("{step}", "refer-police").Replace("{role}", "staff").Replace("{version}", "1")
            .Replace("{kind}", "content-blocked").Replace("{agency}", "lado");

        var request = new HttpRequestMessage(new HttpMethod(endpoint.Verb), path) { Content = Content(endpoint.Body) };
        if (endpoint.Stale) request.Headers.TryAddWithoutValidation("If-Match", StaleVersion);
        if (subject.User is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await platform.Identity.TokenForAsync(subject.User));
        if (subject.Vendor) await SignAsync(request);
        return request;
    }

    /// <summary>What a vendor holds: a Standard Webhooks signature with its source's secret over the exact body.</summary>
    private async Task SignAsync(HttpRequestMessage request)
    {
        var bytes = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync();
        var id = "msg_" + Guid.NewGuid().ToString("N");
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", ts.ToString());
        request.Headers.Add("webhook-signature", StandardWebhookSignature.Sign(_ownSecret, id, ts, bytes));
    }

    private async Task<string> NotificationOfAsync(string dsl, string incident)
    {
        using var client = await platform.GatewayClientFor(dsl);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var centre = await client.GetFromJsonAsync<JsonElement>("/api/notifications/notifications?pageSize=200");
            var found = centre.GetProperty("items").EnumerateArray()
                .FirstOrDefault(n => n.GetProperty("link").GetString()!.EndsWith($"#/incidents/{incident}"));
            if (found.ValueKind == JsonValueKind.Object) return found.GetProperty("id").GetString()!;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no notification for incident {incident} in {dsl}'s centre");
            await Task.Delay(200);
        }
    }

    private async Task<string> FreshSourceAsync(string school)
    {
        var created = await platform.PostAsync("it.admin", "/api/filtering-ingest/sources", Source(school));
        return created.GetProperty("source").GetProperty("id").GetString()!;
    }

    private async Task<string> FreshGrantAsync()
    {
        var created = await platform.PostAsync("trust.lead", "/api/reporting/grants",
            new { schoolUrn = PlatformFixture.Blakehill, reason = "Matrix: revoke check", hours = 1 });
        return Id(created);
    }

    private static HttpContent? Content(Body body) => body switch
    {
        Body.None => null,
        Body.Empty => JsonContent.Create(new { }),
        Body.Concern => JsonContent.Create(Concern("P-BLAKE-2")),
        Body.Grant => JsonContent.Create(new { schoolUrn = PlatformFixture.Blakehill, reason = "Matrix: issue check", hours = 1 }),
        Body.Device => JsonContent.Create(Device()),
        Body.Source => JsonContent.Create(Source(null)),
        Body.Roster => JsonContent.Create(Roster("P-BLAKE-3")),
        Body.Webhook => new StringContent(JsonSerializer.Serialize(new[]
        {
            new
            {
                occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1), sourceEventId = Guid.NewGuid().ToString("N"),
                subject = new { user = "pupil-matrix" }, device = new { ip = "10.0.0.1" },
                activity = new { action = "Blocked", url = "https://example.org/matrix" },
                classification = new { categoryLabel = "gambling", severity = 2 },
            },
        }), Encoding.UTF8, "application/json"),
        Body.Csv => new StringContent($"Serial Number,Asset Tag,Device Type\nSN{Unique()},AT{Unique()},laptop\n", Encoding.UTF8, "text/csv"),
        // A screenshot upload (multipart): a PNG signature, a description and the no-nudity confirmation.
        Body.Multipart => new MultipartFormDataContent
        {
            { new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { Headers = { ContentType = new("image/png") } }, "file", "shot.png" },
            { new StringContent("Screenshot of the messages"), "description" },
            { new StringContent("true"), "noNudityConfirmed" },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(body)),
    };

    public static object Concern(string pupilId) => new
    {
        happenedAt = DateTimeOffset.UtcNow.AddHours(-2),
        whatHappened = "Year 6 pupil received unkind messages in a class group chat.",
        where = new { site = "off-site", device = "personal-device" },
        howItCameToLight = "Pupil told their class teacher",
        people = new[] { new { role = "child-victim", pupilId } },
        suggestedCategory = "cyberbullying",
    };

    private static object Device() => new { kind = "laptop", serialNumber = "SN" + Unique(), assetTag = "AT" + Unique() };
    private static object Roster(string pupil) => new { pupils = new[] { new { pupilId = pupil, className = "6B", yearGroup = 6 } } };
    private static object CustomConsentType(string code) => new { code, name = "Caldecote only", wording = "A type only Caldecote has." };
    private static object Source(string? school) => new { name = "Matrix " + Unique(), format = "canonical-json", schoolUrn = school };
    private static string Unique() => Guid.NewGuid().ToString("N")[..12];
    private static string Id(JsonElement created) => created.GetProperty("id").ToString();
}
