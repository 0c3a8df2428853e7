using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace TrustSafety.Incident.Tests.Api;

public sealed class IncidentApiTests(IncidentApiFixture fixture) : IClassFixture<IncidentApiFixture>
{
    /// <summary>Taken per test (xunit makes one instance per test), not once when the class loads.</summary>
    private readonly string Today = DateTime.UtcNow.ToString("yyyy-MM-dd");

    [Fact]
    public async Task an_incident_runs_from_report_through_triage_actions_referral_and_closure_to_reopening()
    {
        var staff = await fixture.ClientFor("staff.blakehill");
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var (id, etag) = await staff.ReportAsync();
        etag.ShouldBe("\"1\"");

        etag = await dsl.ChangeOkAsync($"/incidents/{id}/triage", IncidentClient.Triage(), etag);
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/actions/parents-informed", new { informedOn = Today, whom = "mother", rationale = "No risk from home" }, etag);
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/actions/sanction", new { sanction = "Loss of phone privileges", pupilId = "P-200", rationale = "Behaviour policy 4.2" }, etag);
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/actions/support", new { support = "Weekly pastoral check-in", pupilId = "P-100", rationale = "Victim support" }, etag);
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/actions/device-secured", new { deviceReference = "IPAD-0042", sealedLocation = "DSL office safe", rationale = "May hold evidence" }, etag);
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/evidence", new { description = "Screenshot captured by monitoring", vendorCaptureUri = "https://vendor.example/c/1" }, etag);

        using var referral = await dsl.ChangeAsync($"/incidents/{id}/referrals", new { destination = "early-help", referenceNumber = "EH-77", madeOn = Today, dueOn = Today, rationale = "Family support needed" }, etag);
        referral.StatusCode.ShouldBe(HttpStatusCode.OK);
        var referralId = (await referral.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("createdId").GetGuid();
        etag = referral.Headers.ETag!.Tag;

        using var tooEarly = await dsl.ChangeAsync($"/incidents/{id}/close", new { outcomeCode = "support-in-place", rationale = "Support in place", lessonsLearnt = "Chat rules" }, etag);
        (await tooEarly.ShouldBeProblem(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("EH-77");

        etag = await dsl.ChangeOkAsync($"/incidents/{id}/referrals/{referralId}/outcome", new { outcomeCode = "early-help", outcome = "Family accepted Early Help", receivedOn = Today }, etag);
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/close", new { outcomeCode = "support-in-place", outcome = "Resolved", rationale = "Support in place, no further incidents", lessonsLearnt = "Teach group-chat etiquette in PSHE" }, etag);
        (await dsl.ListAsync("&status=closed")).ShouldContain(id);

        etag = await dsl.ChangeOkAsync($"/incidents/{id}/reopen", new { reason = "New disclosure" }, etag);
        var (incident, readETag) = await dsl.GetAsync(id);
        readETag.ShouldBe(etag);
        incident.GetProperty("status").GetString().ShouldBe("triaged");
        incident.GetProperty("category").GetString().ShouldBe("cyberbullying");
        incident.GetProperty("actions").GetArrayLength().ShouldBe(4);
        incident.GetProperty("referrals")[0].GetProperty("outcome").GetString().ShouldBe("Family accepted Early Help");
        incident.GetProperty("referrals")[0].GetProperty("outcomeCode").GetString().ShouldBe("early-help");
        incident.GetProperty("evidence").GetArrayLength().ShouldBe(1);
        incident.GetProperty("reopenings")[0].GetProperty("previousClosure").GetProperty("lessonsLearnt").GetString()
            .ShouldBe("Teach group-chat etiquette in PSHE");
        incident.GetProperty("reopenings")[0].GetProperty("previousClosure").GetProperty("outcomeCode").GetString().ShouldBe("support-in-place");
        incident.GetProperty("reopenings")[0].GetProperty("previousClosure").GetProperty("outcome").GetString().ShouldBe("Resolved");
        incident.GetProperty("version").GetInt64().ShouldBe(11);
    }

    [Fact]
    public async Task imagery_uploads_are_refused_citing_ukcis_and_each_attempt_is_an_audit_fact()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var (id, etag) = await dsl.ReportAsync(IncidentClient.Report(suggestedCategory: "nudes-semi-nudes"));
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/triage", IncidentClient.Triage("nudes-semi-nudes", 4), etag);

        using var multipart = new MultipartFormDataContent { { new ByteArrayContent([0xFF, 0xD8, 0xFF, 0xE0]) { Headers = { ContentType = new("image/jpeg") } }, "file", "photo.jpg" } };
        using var multipartRequest = new HttpRequestMessage(HttpMethod.Post, $"/incidents/{id}/evidence") { Content = multipart };
        multipartRequest.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        using var refused = await dsl.Http.SendAsync(multipartRequest);
        (await refused.ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()!.ShouldContain("UKCIS");

        using var base64 = await dsl.ChangeAsync($"/incidents/{id}/evidence", new { description = "photo", imageBase64 = Convert.ToBase64String(new byte[100]) }, etag);
        (await base64.ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).GetProperty("title").GetString().ShouldBe("Imagery is never stored for this incident");

        var log = await dsl.GetJsonAsync($"/incidents/{id}/access-log");
        log.EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "imagery-upload-refused").ShouldBe(2);

        etag = await dsl.ChangeOkAsync($"/incidents/{id}/evidence", new
        {
            description = "Image held on pupil's phone", sha256 = new string('a', 64), deviceHolder = "Police, ref CAD-1", sealedLocation = "Evidence bag 12",
        }, etag);
        await dsl.ChangeOkAsync($"/incidents/{id}/imagery-viewed", new { reason = "To decide whether a referral was needed" }, etag);
        var (incident, _) = await dsl.GetAsync(id);
        incident.GetProperty("evidence").GetArrayLength().ShouldBe(1);
        incident.GetProperty("imageryViews")[0].GetProperty("reason").GetString().ShouldBe("To decide whether a referral was needed");
        (await dsl.GetJsonAsync($"/incidents/{id}/access-log")).EnumerateArray().ShouldContain(e => e.GetProperty("kind").GetString() == "imagery-viewed");
    }

    /// <summary>Issue 17, 9d: a deputy or the headteacher could record viewing imagery, and the timeline always said "The DSL".</summary>
    [Fact]
    public async Task only_the_dsl_or_whom_the_dsl_delegated_in_writing_may_record_viewing_imagery_and_the_timeline_names_who_it_was()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var head = await fixture.ClientFor("head.blakehill");
        var deputy = await fixture.ClientFor("deputy.blakehill");
        var (id, etag) = await dsl.ReportAsync(IncidentClient.Report(suggestedCategory: "nudes-semi-nudes"));
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/triage", IncidentClient.Triage("nudes-semi-nudes", 4), etag);

        using (var undelegated = await head.ChangeAsync($"/incidents/{id}/imagery-viewed", new { reason = "To see what was shared" }, etag))
            (await undelegated.ShouldBeProblem(HttpStatusCode.Forbidden)).GetProperty("detail").GetString()!.ShouldContain("delegat");
        using (var deputyDelegating = await deputy.ChangeAsync($"/incidents/{id}/imagery-viewing-delegations",
                   new { delegateId = DemoSubject("deputy.blakehill"), delegateName = "Deputy", delegateRole = "deputy-dsl", instruction = "Myself" }, etag))
            await deputyDelegating.ShouldBeProblem(HttpStatusCode.Forbidden);

        etag = await dsl.ChangeOkAsync($"/incidents/{id}/imagery-viewing-delegations", new
        {
            delegateId = DemoSubject("head.blakehill"), delegateName = "Helen Hartley", delegateRole = "headteacher",
            instruction = "I am on leave; the head decides whether the images meet the referral threshold",
        }, etag);
        using (var deputyStill = await deputy.ChangeAsync($"/incidents/{id}/imagery-viewed", new { reason = "To help" }, etag))
            await deputyStill.ShouldBeProblem(HttpStatusCode.Forbidden);
        etag = await head.ChangeOkAsync($"/incidents/{id}/imagery-viewed", new { reason = "To decide whether a referral was needed" }, etag);
        await dsl.ChangeOkAsync($"/incidents/{id}/imagery-viewed", new { reason = "To confirm the referral on my return" }, etag);

        var (incident, _) = await dsl.GetAsync(id);
        var timeline = incident.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("summary").GetString()).ToList();
        timeline.ShouldContain("Headteacher Headteacher, Blakehill Primary viewed the imagery (delegated in writing by DSL DSL, Blakehill Primary)");
        timeline.ShouldContain("DSL DSL, Blakehill Primary viewed the imagery");
        timeline.ShouldNotContain("The DSL viewed the imagery");
        incident.GetProperty("imageryViews").EnumerateArray().Select(v => v.GetProperty("viewerRole").GetString()).ShouldBe(["headteacher", "dsl"]);
        incident.GetProperty("imageryDelegations")[0].GetProperty("instruction").GetString()!.ShouldContain("referral threshold");
    }

    [Fact]
    public async Task a_revoked_delegation_no_longer_lets_the_delegate_record_viewing_imagery()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var head = await fixture.ClientFor("head.blakehill");
        var (id, etag) = await dsl.ReportAsync(IncidentClient.Report(suggestedCategory: "nudes-semi-nudes"));
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/triage", IncidentClient.Triage("nudes-semi-nudes", 4), etag);
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/imagery-viewing-delegations", new
        {
            delegateId = DemoSubject("head.blakehill"), delegateName = "Helen Hartley", delegateRole = "headteacher", instruction = "While I am on leave",
        }, etag);
        var delegationId = (await dsl.GetAsync(id)).Body.GetProperty("imageryDelegations")[0].GetProperty("id").GetGuid();

        using (var byHead = await head.ChangeAsync($"/incidents/{id}/imagery-viewing-delegations/{delegationId}/revocation", new { reason = "Mine" }, etag))
            await byHead.ShouldBeProblem(HttpStatusCode.Forbidden);
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/imagery-viewing-delegations/{delegationId}/revocation",
            new { reason = "I am back from leave" }, etag);
        using (var headAfter = await head.ChangeAsync($"/incidents/{id}/imagery-viewed", new { reason = "To decide on a referral" }, etag))
            (await headAfter.ShouldBeProblem(HttpStatusCode.Forbidden)).GetProperty("detail").GetString()!.ShouldContain("delegat");

        var (incident, _) = await dsl.GetAsync(id);
        var delegation = incident.GetProperty("imageryDelegations")[0];
        delegation.GetProperty("revocationReason").GetString().ShouldBe("I am back from leave");
        delegation.GetProperty("active").GetBoolean().ShouldBeFalse();
        incident.GetProperty("imageryViews").GetArrayLength().ShouldBe(0);
    }

    private static string DemoSubject(string userName) => new Guid(System.Security.Cryptography.SHA256.HashData(
        Encoding.UTF8.GetBytes("trustsafety-demo-user:" + userName)).AsSpan(0, 16)).ToString();

    [Fact]
    public async Task every_read_of_an_incident_is_in_its_access_log_which_only_the_dsl_can_see()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var head = await fixture.ClientFor("head.blakehill");
        var deputy = await fixture.ClientFor("deputy.blakehill");
        var (id, _) = await dsl.ReportAsync();

        await head.GetAsync(id, "governor question");
        await deputy.GetAsync(id);
        var log = (await dsl.GetJsonAsync($"/incidents/{id}/access-log")).EnumerateArray().ToList();

        log.Count(e => e.GetProperty("kind").GetString() == "read").ShouldBe(2);
        log.ShouldContain(e => e.GetProperty("purpose").GetString() == "governor question" && e.GetProperty("by").GetString() != "");
        (await deputy.StatusOfGetAsync($"/incidents/{id}/access-log")).ShouldBe(HttpStatusCode.Forbidden);
        (await head.StatusOfGetAsync($"/incidents/{id}/access-log")).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_change_on_a_stale_version_gets_412_with_the_current_version_and_one_without_if_match_gets_428()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var (id, etag) = await dsl.ReportAsync();
        await dsl.ChangeOkAsync($"/incidents/{id}/triage", IncidentClient.Triage(), etag);

        using var stale = await dsl.ChangeAsync($"/incidents/{id}/triage", IncidentClient.Triage(severity: 5), etag);
        (await stale.ShouldBeProblem(HttpStatusCode.PreconditionFailed)).GetProperty("currentVersion").GetInt64().ShouldBe(2);
        using var missing = await dsl.ChangeAsync($"/incidents/{id}/triage", IncidentClient.Triage(severity: 5), null);
        await missing.ShouldBeProblem(HttpStatusCode.PreconditionRequired);
        (await dsl.GetAsync(id)).Body.GetProperty("severity").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task closing_without_a_rationale_is_rejected_with_a_problem_that_says_so_and_nothing_changes()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var (id, etag) = await dsl.ReportAsync();
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/triage", IncidentClient.Triage(), etag);

        using var response = await dsl.ChangeAsync($"/incidents/{id}/close", new { outcomeCode = "resolved-in-school", lessonsLearnt = "None" }, etag);
        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.GetProperty("title").GetString().ShouldBe("Closure requires an outcome code, a rationale and lessons learnt");
        problem.GetProperty("errors").GetProperty("rationale")[0].GetString()!.ShouldContain("rationale is required");
        var (incident, after) = await dsl.GetAsync(id);
        after.ShouldBe(etag);
        incident.GetProperty("status").GetString().ShouldBe("triaged");
    }

    [Fact]
    public async Task allegations_against_staff_are_visible_only_to_the_dsl_and_the_headteacher()
    {
        var staff = await fixture.ClientFor("staff.blakehill");
        var deputy = await fixture.ClientFor("deputy.blakehill");
        var (id, etag) = await staff.ReportAsync(IncidentClient.Report("staff-instigator"));

        (await deputy.StatusOfGetAsync($"/incidents/{id}")).ShouldBe(HttpStatusCode.NotFound);
        (await deputy.ListAsync()).ShouldNotContain(id);
        using var deputyTriage = await deputy.ChangeAsync($"/incidents/{id}/triage", IncidentClient.Triage("staff-misuse"), etag);
        await deputyTriage.ShouldBeProblem(HttpStatusCode.NotFound);

        foreach (var user in new[] { "dsl.blakehill", "head.blakehill" })
        {
            var client = await fixture.ClientFor(user);
            (await client.ListAsync()).ShouldContain(id, user);
            (await client.GetAsync(id)).Body.GetProperty("allegationAgainstStaff").GetBoolean().ShouldBeTrue();
        }
    }

    [Fact]
    public async Task a_retried_report_with_the_same_idempotency_key_records_one_concern()
    {
        var staff = await fixture.ClientFor("staff.blakehill");
        var key = Guid.NewGuid().ToString();

        async Task<(HttpStatusCode Status, Guid Id)> Send()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/incidents") { Content = JsonContent.Create(IncidentClient.Report()) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await staff.Http.SendAsync(request);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (response.StatusCode, body.GetProperty("id").GetGuid());
        }

        var first = await Send();
        var retry = await Send();
        first.Status.ShouldBe(HttpStatusCode.Created);
        retry.Status.ShouldBe(HttpStatusCode.OK);
        retry.Id.ShouldBe(first.Id);
        (await staff.ListAsync()).Count(id => id == first.Id).ShouldBe(1);

        var other = await fixture.ClientFor("staff.caldecote");
        using var elsewhere = new HttpRequestMessage(HttpMethod.Post, "/incidents") { Content = JsonContent.Create(IncidentClient.Report()) };
        elsewhere.Headers.Add("Idempotency-Key", key);
        using var otherSchool = await other.Http.SendAsync(elsewhere);
        otherSchool.StatusCode.ShouldBe(HttpStatusCode.Created, "the same key from another school or reporter is another concern");
    }

    [Fact]
    public async Task another_schools_dsl_gets_404_and_never_sees_the_incident_in_a_list()
    {
        var blakehill = await fixture.ClientFor("dsl.blakehill");
        var caldecote = await fixture.ClientFor("dsl.caldecote");
        var (id, etag) = await blakehill.ReportAsync();

        (await caldecote.StatusOfGetAsync($"/incidents/{id}")).ShouldBe(HttpStatusCode.NotFound);
        (await caldecote.StatusOfGetAsync($"/incidents/{id}/access-log")).ShouldBe(HttpStatusCode.NotFound);
        (await caldecote.ListAsync()).ShouldNotContain(id);
        using var triage = await caldecote.ChangeAsync($"/incidents/{id}/triage", IncidentClient.Triage(), etag);
        await triage.ShouldBeProblem(HttpStatusCode.NotFound);
        (await blakehill.GetAsync(id)).ETag.ShouldBe(etag);
    }

    [Fact]
    public async Task staff_see_only_the_concerns_they_reported_and_not_the_case_work()
    {
        var staff = await fixture.ClientFor("staff.blakehill");
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var (own, ownETag) = await staff.ReportAsync();
        var (others, _) = await dsl.ReportAsync();
        await dsl.ChangeOkAsync($"/incidents/{own}/triage", IncidentClient.Triage(), ownETag);

        var visible = await staff.ListAsync();
        visible.ShouldContain(own);
        visible.ShouldNotContain(others);
        (await staff.StatusOfGetAsync($"/incidents/{others}")).ShouldBe(HttpStatusCode.NotFound);
        var (mine, _) = await staff.GetAsync(own);
        mine.GetProperty("caseWorkHidden").GetBoolean().ShouldBeTrue();
        mine.GetProperty("triage").ValueKind.ShouldBe(JsonValueKind.Null);
        using var forbidden = await staff.ChangeAsync($"/incidents/{own}/close", new { outcome = "o", rationale = "r", lessonsLearnt = "l" }, "\"2\"");
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_governor_cannot_report_or_list_incidents()
    {
        var governor = await fixture.ClientFor("governor.blakehill");
        (await governor.StatusOfGetAsync("/incidents")).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_bad_report_is_rejected_naming_every_bad_field_and_nothing_is_recorded()
    {
        var staff = await fixture.ClientFor("staff.blakehill");
        var before = (await staff.ListAsync()).Count;
        using var response = await staff.Http.PostAsJsonAsync("/incidents", new
        {
            whatHappened = "", where = new { site = "moon", device = "school-device" }, people = new[] { new { role = "child-victim" } },
        });
        var errors = (await response.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).ShouldBe(
            ["whatHappened", "howItCameToLight", "happenedAt", "where.site", "people[0].pupilId"], ignoreOrder: true);
        (await staff.ListAsync()).Count.ShouldBe(before);
    }

    [Fact]
    public async Task a_body_over_64_kb_is_refused_with_a_problem()
    {
        var staff = await fixture.ClientFor("staff.blakehill");
        var json = JsonSerializer.Serialize(new { whatHappened = new string('x', 70 * 1024) });
        using var response = await staff.Http.PostAsync("/incidents", new StringContent(json, Encoding.UTF8, "application/json"));
        await response.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task an_unknown_field_such_as_image_bytes_in_a_report_is_refused()
    {
        var staff = await fixture.ClientFor("staff.blakehill");
        var body = JsonSerializer.SerializeToNode(IncidentClient.Report())!.AsObject();
        body["imageBase64"] = "AAEC";
        using var response = await staff.Http.PostAsJsonAsync("/incidents", body);
        await response.ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task a_pupils_chronology_spans_incidents_for_the_dsl_only()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var pupil = "P-" + Guid.NewGuid().ToString("N")[..8];
        var (first, etag) = await dsl.ReportAsync(IncidentClient.Report(pupilId: pupil));
        await dsl.ChangeOkAsync($"/incidents/{first}/actions/support", new { support = "Mentor", pupilId = pupil, rationale = "Victim support" }, etag);
        var (second, _) = await dsl.ReportAsync(IncidentClient.Report(pupilId: pupil));
        await dsl.ReportAsync();

        var chronology = await dsl.GetJsonAsync($"/pupils/{pupil}/chronology");
        chronology.GetProperty("incidents").GetInt32().ShouldBe(2);
        chronology.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("incidentId").GetGuid()).Distinct()
            .ShouldBe([first, second], ignoreOrder: true);
        foreach (var other in new[] { "deputy.blakehill", "head.blakehill", "staff.blakehill" })
            (await (await fixture.ClientFor(other)).StatusOfGetAsync($"/pupils/{pupil}/chronology")).ShouldBe(HttpStatusCode.Forbidden, other);
    }

    [Fact]
    public async Task a_deputy_asking_for_a_chronology_is_told_to_ask_the_dsl()
    {
        var deputy = await fixture.ClientFor("deputy.blakehill");
        using var response = await deputy.Http.GetAsync("/pupils/P-anyone/chronology");
        var problem = await response.ShouldBeProblem(HttpStatusCode.Forbidden);
        problem.GetProperty("title").GetString().ShouldBe("Only the school's DSL can read a pupil's chronology");
        problem.GetProperty("detail").GetString()!.ShouldContain("Ask your school's DSL");
    }

    [Fact]
    public async Task a_referral_past_its_due_date_without_an_outcome_is_listed_as_overdue()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var (id, etag) = await dsl.ReportAsync();
        var madeOn = DateTime.UtcNow.AddDays(-10).ToString("yyyy-MM-dd");
        var dueOn = DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-dd");
        await dsl.ChangeOkAsync($"/incidents/{id}/referrals", new { destination = "childrens-social-care", referenceNumber = "MASH-9", madeOn, dueOn, rationale = "Threshold met" }, etag);

        var overdue = (await dsl.GetJsonAsync("/referrals/overdue")).EnumerateArray().Single(r => r.GetProperty("incidentId").GetGuid() == id);
        overdue.GetProperty("daysOverdue").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task the_openapi_document_names_every_operation_for_client_generation()
    {
        using var anonymous = fixture.Host.CreateClient();
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => o.Value.GetProperty("operationId").GetString())).ToList();
        operations.ShouldBe([
            "ReportConcern", "ListIncidents", "GetIncident", "GetIncidentAccessLog", "GetPupilChronology", "TriageIncident",
            "RecordParentsInformed", "RecordParentsNotInformed", "RecordSanction", "RecordSupport", "RecordDeviceSecured",
            "MakeReferral", "RecordReferralOutcome", "ListOverdueReferrals", "CloseIncident", "ReopenIncident",
            "ReferenceEvidence", "RecordImageryViewed", "DelegateImageryViewing", "RevokeImageryViewingDelegation", "ExportAuditTrail",
            "RunRetentionReview", "GetIncidentRetention", "PlaceLegalHold", "ReleaseLegalHold", "DisposeIncident", "ErasePerson", "PreviewErasure", "ListScheduledErasures",
            "ExportPupilSubjectAccess", "RecordHeadteacherInformed", "RecordAdviceSought", "GetCategoryList", "GetRouteRules",
            "ListRouteRulesVersions", "GetRouteRulesVersion", "PublishRouteRules", "DeclineRouteStep",
            "RecordRiskAssessment", "FlagImmediateDanger", "ListAgencies", "SetAgencyContact", "ResetAgencyContact",
            "RecordCopiesNotNeeded", "RecordContainment", "StoreEvidenceFile", "ViewEvidenceFile", "RequestCaseLink", "ListCaseLinks",
            "GetCaseLink", "AcceptCaseLink", "DeclineCaseLink", "CountCaseLinks", "GetPupilContext", "SetPupilContext",
            "AssignTask", "CompleteTask", "ListMyTasks", "ListOpenTasks", "CorrectPeopleInvolved",
        ], ignoreOrder: true);
        document.GetProperty("paths").GetProperty("/incidents/{id}/close").GetProperty("post").GetProperty("responses")
            .EnumerateObject().Select(r => r.Name).ShouldContain("412");
        document.GetProperty("paths").GetProperty("/incidents/{id}/triage").GetProperty("post").GetProperty("parameters")
            .EnumerateArray().ShouldContain(p => p.GetProperty("name").GetString() == "If-Match" && p.GetProperty("in").GetString() == "header");
        document.GetProperty("paths").GetProperty("/incidents").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Select(p => p.GetProperty("name").GetString()).ShouldBe(["status", "category", "severity", "from", "to", "page", "pageSize", "sort", "source", "pupilId"]);
    }
}
