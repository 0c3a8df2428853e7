using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TrustSafety.Incident.DataProtection;
using TrustSafety.Testing;

namespace TrustSafety.Incident.Tests.Api;

/// <summary>The incident service on a database of its own, with the database reachable for raw checks of what is stored.</summary>
public sealed class CaseFilesFixture : IAsyncLifetime
{
    public IdentityServer Identity { get; private set; } = null!;
    public TestDatabase Database { get; private set; } = null!;
    private TestVirtualHost _vhost = null!;
    public ServiceHost<EntryPoint> Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Identity = await IdentityServer.SharedAsync();
        Database = await TestDatabase.CreateAsync("incident");
        _vhost = await TestVirtualHost.CreateAsync();
        Host = new(await PlatformSettings.ForAsync(Database, _vhost, Identity, "incident"));
    }

    public async Task<IncidentClient> ClientFor(string user) => new(await Identity.ClientForAsync(user, Host.CreateClient()));

    /// <summary>Every stored event's and document's JSON of the service's schema, to check what is never stored in plaintext.</summary>
    public async Task<string> EverythingStoredAsync()
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        var text = new StringBuilder();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select table_name from information_schema.tables where table_schema = 'incident' and (table_name like 'mt_doc_%' or table_name = 'mt_events')",
            connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        foreach (var table in tables)
        {
            await using var dump = new NpgsqlCommand($"select coalesce(string_agg(data::text, '\n'), '') from incident.{table}", connection);
            text.AppendLine((string)(await dump.ExecuteScalarAsync())!);
        }
        return text.ToString();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await _vhost.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>Issue 15 points 3, 4, 6 and 8 on real PostgreSQL through the HTTP API.</summary>
public sealed class CaseFilesApiTests(CaseFilesFixture fixture) : IClassFixture<CaseFilesFixture>
{
    private readonly string Today = DateTime.UtcNow.ToString("yyyy-MM-dd");

    private static object Assessment(string rationale, string decision = "manage-in-school", bool immediateRisk = false) => new
    {
        ages = "14 and 15", adultInvolved = false, coercionOrBlackmail = false, extremeOrViolentActs = false, underThirteen = false,
        immediateRisk, vulnerable = true, vulnerability = "Pupil has an EHCP for social communication", sharedFurther = false,
        agenciesChecked = "MASH: not known; police: no record", decision, rationale,
    };

    private async Task<(IncidentClient Dsl, Guid Id, string ETag)> TriagedAsync(string category, int severity = 3)
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var (id, etag) = await dsl.ReportAsync();
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/triage", IncidentClient.Triage(category, severity), etag);
        return (dsl, id, etag);
    }

    [Fact]
    public async Task a_ukcis_risk_assessment_is_versioned_shown_to_the_team_and_sealed_in_the_store()
    {
        var (dsl, id, etag) = await TriagedAsync("nudes-semi-nudes");
        const string first = "Peers of a similar age, no aggravating factor: zebra-first-rationale";
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/risk-assessments", Assessment(first), etag);
        using (var unanswered = await dsl.ChangeAsync($"/incidents/{id}/risk-assessments", new { ages = "14" }, etag))
        {
            var errors = (await unanswered.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors");
            errors.TryGetProperty("adultInvolved", out _).ShouldBeTrue();
            errors.TryGetProperty("decision", out _).ShouldBeTrue();
        }
        using (var mustRefer = await dsl.ChangeAsync($"/incidents/{id}/risk-assessments", Assessment("x", immediateRisk: true), etag))
            (await mustRefer.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("decision")[0].GetString()!
                .ShouldContain("UKCIS");
        await dsl.ChangeOkAsync($"/incidents/{id}/risk-assessments", Assessment("Threat to share further: refer", "refer-police-and-social-care", true), etag);

        var (incident, _) = await dsl.GetAsync(id);
        var assessments = incident.GetProperty("caseFiles").GetProperty("riskAssessments").EnumerateArray().ToList();
        assessments.Select(a => a.GetProperty("version").GetInt32()).ShouldBe([1, 2]);
        assessments[0].GetProperty("rationale").GetString().ShouldBe(first);
        assessments[0].GetProperty("vulnerability").GetString().ShouldBe("Pupil has an EHCP for social communication");
        assessments[1].GetProperty("decision").GetString().ShouldBe("refer-police-and-social-care");

        var stored = await fixture.EverythingStoredAsync();
        stored.ShouldNotContain("zebra-first-rationale");
        stored.ShouldNotContain("EHCP for social communication");

        var (other, otherId, otherETag) = await TriagedAsync("cyberbullying");
        using var refused = await other.ChangeAsync($"/incidents/{otherId}/risk-assessments", Assessment("n/a"), otherETag);
        (await refused.ShouldBeProblem(HttpStatusCode.Conflict)).GetProperty("title").GetString()!.ShouldContain("UKCIS");
    }

    [Fact]
    public async Task immediate_danger_prompts_999_requires_the_police_step_and_holds_the_closure()
    {
        var (dsl, id, etag) = await TriagedAsync("cyberbullying");
        var staff = await fixture.ClientFor("staff.blakehill");
        using (var byStaff = await staff.ChangeAsync($"/incidents/{id}/immediate-danger", new { emergencyServicesCalled = true, rationale = "x" }, etag))
            byStaff.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/immediate-danger",
            new { emergencyServicesCalled = false, rationale = "Pupil plans to meet an adult met online tonight" }, etag);

        var (incident, _) = await dsl.GetAsync(id);
        var danger = incident.GetProperty("caseFiles").GetProperty("immediateDanger");
        danger.GetProperty("prompt").GetString()!.ShouldContain("999");
        danger.GetProperty("rationale").GetString().ShouldBe("Pupil plans to meet an adult met online tonight");
        var police = IncidentRouteApiTests.Step(incident, "refer-police");
        police.GetProperty("level").GetString().ShouldBe("required");
        police.GetProperty("rules").EnumerateArray().Select(r => r.GetString()).ShouldContain("immediate-danger");
        (await dsl.ListAsync("&sort=risk"))[0].ShouldBe(id);

        using var close = await dsl.ChangeAsync($"/incidents/{id}/close",
            new { outcomeCode = "support-in-place", rationale = "r", lessonsLearnt = "l" }, etag);
        (await close.ShouldBeProblem(HttpStatusCode.Conflict)).GetProperty("openSteps").EnumerateArray().Select(s => s.GetString())
            .ShouldBe(["refer-police"]);
    }

    [Fact]
    public async Task the_agencies_directory_has_built_in_trust_and_school_levels_edited_by_the_trust_lead_and_the_dsl()
    {
        var lead = await fixture.ClientFor("trust.lead");
        var blakehill = await fixture.ClientFor("dsl.blakehill");
        var caldecote = await fixture.ClientFor("dsl.caldecote");
        var deputy = await fixture.ClientFor("deputy.blakehill");

        static JsonElement Entry(JsonElement list, string code) => list.EnumerateArray().Single(e => e.GetProperty("code").GetString() == code);
        var builtIn = Entry(await blakehill.GetJsonAsync("/agencies"), "lado");
        builtIn.GetProperty("source").GetString().ShouldBe("built-in");
        builtIn.GetProperty("contact").GetProperty("phone").GetString().ShouldBe("01902 550661");

        using (var put = await Put(lead, "lado", new { name = "Three Rivers LADO service", phone = "01902 550000" }, "0"))
            put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        using (var stale = await Put(lead, "lado", new { name = "Again", phone = "01902 550001" }, "0"))
            await stale.ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        using (var bad = await Put(blakehill, "lado", new { name = "", web = "not a url" }, "0"))
        {
            var errors = (await bad.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors");
            errors.TryGetProperty("name", out _).ShouldBeTrue();
            errors.TryGetProperty("web", out _).ShouldBeTrue();
        }
        using (var byDeputy = await Put(deputy, "lado", new { name = "x", phone = "1" }, "0"))
            await byDeputy.ShouldBeProblem(HttpStatusCode.Forbidden);
        using (var unknown = await Put(blakehill, "coastguard", new { name = "x", phone = "1" }, "0"))
            await unknown.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var own = await Put(blakehill, "lado", new { name = "Blakehill's LADO contact", phone = "01902 551111" }, "0"))
            own.StatusCode.ShouldBe(HttpStatusCode.OK, await own.Content.ReadAsStringAsync());

        var mine = Entry(await blakehill.GetJsonAsync("/agencies"), "lado");
        mine.GetProperty("source").GetString().ShouldBe("school");
        mine.GetProperty("contact").GetProperty("name").GetString().ShouldBe("Blakehill's LADO contact");
        mine.GetProperty("trustDefault").GetProperty("name").GetString().ShouldBe("Three Rivers LADO service");
        var theirs = Entry(await caldecote.GetJsonAsync("/agencies"), "lado");
        theirs.GetProperty("source").GetString().ShouldBe("trust");
        theirs.GetProperty("contact").GetProperty("name").GetString().ShouldBe("Three Rivers LADO service");

        using var reset = new HttpRequestMessage(HttpMethod.Delete, "/agencies/lado");
        reset.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        (await blakehill.Http.SendAsync(reset)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Entry(await blakehill.GetJsonAsync("/agencies"), "lado").GetProperty("source").GetString().ShouldBe("trust");
    }

    private static async Task<HttpResponseMessage> Put(IncidentClient client, string code, object body, string revision)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/agencies/{code}") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{revision}\""));
        return await client.Http.SendAsync(request);
    }

    [Fact]
    public async Task advice_sought_from_a_directory_agency_is_in_the_timeline_and_satisfies_the_advice_line_step()
    {
        var (dsl, id, etag) = await TriagedAsync("cyberbullying", severity: 4);
        using (var unknown = await dsl.ChangeAsync($"/incidents/{id}/actions/advice-sought",
                   new { soughtOn = Today, whom = "x", advice = "y", agency = "coastguard" }, etag))
            (await unknown.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("agency");
        await dsl.ChangeOkAsync($"/incidents/{id}/actions/advice-sought", new
        {
            soughtOn = Today, whom = "Education safeguarding advice line", advice = "Manage in school; review in a week", agency = "education-safeguarding",
        }, etag);

        var (incident, _) = await dsl.GetAsync(id);
        IncidentRouteApiTests.Step(incident, "consult-advice-line").GetProperty("state").GetString().ShouldBe("done");
        incident.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("summary").GetString())
            .ShouldContain("Advice sought from Education safeguarding advice line");
    }

    [Fact]
    public async Task copies_are_deleted_only_after_the_dsl_records_that_no_agency_needs_them()
    {
        var (dsl, id, etag) = await TriagedAsync("cyberbullying");
        var deputy = await fixture.ClientFor("deputy.blakehill");
        var deleted = new { doneOn = Today, what = "Copies on two pupils' phones and the class chat" };

        using (var tooSoon = await deputy.ChangeAsync($"/incidents/{id}/containment/copies-deleted", deleted, etag))
            (await tooSoon.ShouldBeProblem(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("copies-not-needed");
        using (var notDsl = await deputy.ChangeAsync($"/incidents/{id}/containment/copies-not-needed", new { rationale = "r" }, etag))
            await notDsl.ShouldBeProblem(HttpStatusCode.Forbidden);
        etag = await deputy.ChangeOkAsync($"/incidents/{id}/containment/content-blocked", new { doneOn = Today, what = "Chat URL blocked in the filter" }, etag);
        etag = await deputy.ChangeOkAsync($"/incidents/{id}/containment/reported-to-platform",
            new { doneOn = Today, what = "The abusive account", platform = "Snapchat", reference = "SC-991" }, etag);
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/containment/copies-not-needed",
            new { rationale = "No referral: handled in school; parents agreed" }, etag);
        await deputy.ChangeOkAsync($"/incidents/{id}/containment/copies-deleted", deleted, etag);

        var (incident, _) = await dsl.GetAsync(id);
        var files = incident.GetProperty("caseFiles");
        files.GetProperty("containment").EnumerateArray().Select(c => c.GetProperty("kind").GetString())
            .ShouldBe(["content-blocked", "reported-to-platform", "copies-deleted"]);
        files.GetProperty("containment")[2].GetProperty("what").GetString().ShouldBe(deleted.what);
        incident.GetProperty("timeline").EnumerateArray().Count(t => t.GetProperty("kind").GetString() == "containment").ShouldBe(3);
        (await fixture.EverythingStoredAsync()).ShouldNotContain("Copies on two pupils");
    }

    private static readonly byte[] Screenshot =
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. "screenshot-marker-quokka: you are a loser"u8.ToArray()];

    private static async Task<HttpResponseMessage> UploadAsync(IncidentClient client, Guid id, string etag, string? confirmed, byte[] bytes)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "capture.png");
        form.Add(new StringContent("Group chat messages, 3 March"), "description");
        if (confirmed is not null) form.Add(new StringContent(confirmed), "noNudityConfirmed");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/incidents/{id}/evidence-files") { Content = form };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        return await client.Http.SendAsync(request);
    }

    [Fact]
    public async Task a_screenshot_is_kept_sealed_after_the_no_nudity_confirmation_opened_by_the_dsl_alone_and_every_view_audited()
    {
        var (dsl, id, etag) = await TriagedAsync("cyberbullying");
        var deputy = await fixture.ClientFor("deputy.blakehill");
        using (var unconfirmed = await UploadAsync(deputy, id, etag, null, Screenshot))
            (await unconfirmed.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("noNudityConfirmed");
        using var stored = await UploadAsync(deputy, id, etag, "true", Screenshot);
        stored.StatusCode.ShouldBe(HttpStatusCode.OK, await stored.Content.ReadAsStringAsync());
        var fileId = (await stored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("createdId").GetGuid();

        var everything = await fixture.EverythingStoredAsync();
        everything.ShouldNotContain("quokka");
        everything.ShouldNotContain(Convert.ToBase64String(Screenshot)[..40]);
        using (var byDeputy = await deputy.Http.GetAsync($"/incidents/{id}/evidence-files/{fileId}"))
            await byDeputy.ShouldBeProblem(HttpStatusCode.Forbidden);
        using (var opened = await dsl.Http.GetAsync($"/incidents/{id}/evidence-files/{fileId}"))
        {
            opened.StatusCode.ShouldBe(HttpStatusCode.OK);
            opened.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
            (await opened.Content.ReadAsByteArrayAsync()).ShouldBe(Screenshot);
        }
        var other = await fixture.ClientFor("dsl.caldecote");
        (await other.StatusOfGetAsync($"/incidents/{id}/evidence-files/{fileId}")).ShouldBe(HttpStatusCode.NotFound);

        var log = await dsl.GetJsonAsync($"/incidents/{id}/access-log");
        log.EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "evidence-file-viewed").ShouldBe(1);
        var (incident, _) = await dsl.GetAsync(id);
        incident.GetProperty("caseFiles").GetProperty("evidenceFiles")[0].GetProperty("description").GetString().ShouldBe("Group chat messages, 3 March");

        // Disposal destroys the incident's key: the file is shredded with it.
        await using (var scope = fixture.Host.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IDocumentStore>();
            await using var session = store.LightweightSession("141001");
            await scope.ServiceProvider.GetRequiredService<Keyring>().DestroyAsync(session, Subjects.Incident(id), CancellationToken.None);
            await session.SaveChangesAsync();
        }
        using var shredded = await dsl.Http.GetAsync($"/incidents/{id}/evidence-files/{fileId}");
        await shredded.ShouldBeProblem(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task a_screenshot_for_nudes_or_sexual_harassment_keeps_the_ukcis_refusal_and_is_audited()
    {
        foreach (var category in new[] { "nudes-semi-nudes", "online-sexual-harassment" })
        {
            var (dsl, id, etag) = await TriagedAsync(category);
            using var refused = await UploadAsync(dsl, id, etag, "true", Screenshot);
            (await refused.ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()!.ShouldContain("UKCIS");
            var log = await dsl.GetJsonAsync($"/incidents/{id}/access-log");
            log.EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ShouldContain("imagery-upload-refused");
            (await dsl.GetAsync(id)).Body.GetProperty("caseFiles").GetProperty("evidenceFilesAllowed").GetBoolean().ShouldBeFalse();
        }
    }

    [Fact]
    public async Task a_pupils_vulnerability_context_is_the_dsls_alone_sealed_under_the_pupils_key_and_shredded_by_erasure()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var deputy = await fixture.ClientFor("deputy.blakehill");
        const string pupil = "P-CTX-1";
        var context = new
        {
            lookedAfter = true, previouslyLookedAfter = false, send = true, ehcp = true, childProtectionPlan = false, childInNeedPlan = true,
            youngCarer = false, note = "Foster placement since May (narwhal-note)",
        };
        (await deputy.StatusOfGetAsync($"/pupils/{pupil}/context")).ShouldBe(HttpStatusCode.Forbidden);
        var empty = await dsl.GetJsonAsync($"/pupils/{pupil}/context");
        empty.GetProperty("version").GetInt32().ShouldBe(0);
        empty.GetProperty("flags").ValueKind.ShouldBe(JsonValueKind.Null);

        using (var bad = await PutAsync(dsl, $"/pupils/{pupil}/context", new { lookedAfter = true, send = false, ehcp = true }, "0"))
        {
            var errors = (await bad.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors");
            foreach (var field in new[] { "previouslyLookedAfter", "childProtectionPlan", "childInNeedPlan", "youngCarer", "ehcp" })
                errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        }
        using (var byDeputy = await PutAsync(deputy, $"/pupils/{pupil}/context", context, "0"))
            byDeputy.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using (var saved = await PutAsync(dsl, $"/pupils/{pupil}/context", context, "0"))
            saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        using (var stale = await PutAsync(dsl, $"/pupils/{pupil}/context", context, "0"))
            await stale.ShouldBeProblem(HttpStatusCode.PreconditionFailed);

        var read = await dsl.GetJsonAsync($"/pupils/{pupil}/context");
        read.GetProperty("version").GetInt32().ShouldBe(1);
        read.GetProperty("flags").GetProperty("lookedAfter").GetBoolean().ShouldBeTrue();
        read.GetProperty("flags").GetProperty("childInNeedPlan").GetBoolean().ShouldBeTrue();
        read.GetProperty("note").GetString().ShouldBe(context.note);
        var stored = await fixture.EverythingStoredAsync();
        stored.ShouldNotContain("narwhal");
        stored.ShouldNotContain("lookedAfter");

        await using (var scope = fixture.Host.Services.CreateAsyncScope())
        {
            await using var session = scope.ServiceProvider.GetRequiredService<IDocumentStore>().LightweightSession("141001");
            await scope.ServiceProvider.GetRequiredService<Keyring>().DestroyAsync(session, Subjects.Pupil(pupil), CancellationToken.None);
            await session.SaveChangesAsync();
        }
        var erased = await dsl.GetJsonAsync($"/pupils/{pupil}/context");
        erased.GetProperty("erased").GetBoolean().ShouldBeTrue();
        erased.GetProperty("flags").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task a_new_incident_through_rabbitmq_and_a_context_change_recount_the_schools_month_as_counts_that_name_no_one()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        const string pupil = "P-CTX-COUNT";
        object Context(bool youngCarer) => new
        {
            lookedAfter = false, previouslyLookedAfter = false, send = false, ehcp = false, childProtectionPlan = false, childInNeedPlan = false,
            youngCarer, note = "Cares for a parent (okapi-note)",
        };
        using (var saved = await PutAsync(dsl, $"/pupils/{pupil}/context", Context(youngCarer: true), "0"))
            saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());

        var (id, _) = await dsl.ReportAsync(IncidentClient.Report(pupilId: pupil));
        var (incident, _) = await dsl.GetAsync(id);
        var month = PupilContext.VulnerabilityCounts.MonthOf(incident.GetProperty("reportedAt").GetDateTimeOffset());
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        async Task<(PupilContext.VulnerabilityContextCounted? Last, int Incidents)> Counted()
        {
            await using var session = store.QuerySession("141001");
            var start = DateTimeOffset.ParseExact(month + "-01Z", "yyyy-MM-ddK", System.Globalization.CultureInfo.InvariantCulture);
            var incidents = await session.Query<Incidents.OnlineSafetyIncident>().CountAsync(i => i.ReportedAt >= start && i.ReportedAt < start.AddMonths(1));
            return ((await session.LoadAsync<PupilContext.VulnerabilityCount>(PupilContext.VulnerabilityCounts.StreamOf(month)))?.Last, incidents);
        }

        // Only this pupil is a young carer in this database: the month counts exactly one incident with one, once the
        // incident service has taken its own IncidentReported from RabbitMQ and counted again.
        var (counted, _) = await Eventually.Returns(Counted, c => c.Last is { } last && last.Of("young-carer") == 1 && last.Incidents == c.Incidents,
            TimeSpan.FromSeconds(90), "the month counted again with the new incident");
        counted!.Of("looked-after").ShouldBeGreaterThanOrEqualTo(0);

        using (var changed = await PutAsync(dsl, $"/pupils/{pupil}/context", Context(youngCarer: false), "1"))
            changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        (await Counted()).Last!.Of("young-carer").ShouldBe(0, "the DSL's change is counted as it is saved");

        await using (var session = store.QuerySession("141001"))
        {
            var events = await session.Events.FetchStreamAsync(PupilContext.VulnerabilityCounts.StreamOf(month));
            var published = string.Join("\n", events.Select(e => JsonSerializer.Serialize(
                ((PupilContext.VulnerabilityContextCounted)e.Data).ToWire("141001", e.Timestamp))));
            published.ShouldNotContain(pupil);
            published.ShouldNotContain(id.ToString());
            published.ShouldNotContain("okapi");
        }
        (await fixture.EverythingStoredAsync()).ShouldNotContain("okapi");
    }

    private static async Task<HttpResponseMessage> PutAsync(IncidentClient client, string path, object body, string version)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return await client.Http.SendAsync(request);
    }
}
