using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace TrustSafety.Governance.Tests.Api;

public sealed class TrainingTests(GovernanceFixture fixture) : IClassFixture<GovernanceFixture>
{
    private static object Person(string name, string role = "staff", string joinedOn = "2024-09-01") => new { name, role, joinedOn };

    [Fact]
    public async Task recording_a_training_session_changes_the_annual_audit()
    {
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        await dsl.PutNewAsync("/training/people/aud.one", Person("Ann One")).Ok();
        await dsl.PutNewAsync("/training/people/aud.two", Person("Ben Two")).Ok();
        var before = await dsl.GetAsync("/training/audit").Ok();
        var preventBefore = before.GetProperty("byKind").EnumerateArray().Single(k => k.GetProperty("kind").GetString() == "prevent");

        var session = await dsl.PostAsJsonAsync("/training/sessions", new
        {
            kind = "prevent", completedOn = "2026-11-09", provider = "Home Office e-learning", attendees = new[] { "aud.one", "aud.two" },
        }).Ok();
        session.GetProperty("recorded").GetInt32().ShouldBe(2);

        var after = await dsl.GetAsync("/training/audit").Ok();
        var preventAfter = after.GetProperty("byKind").EnumerateArray().Single(k => k.GetProperty("kind").GetString() == "prevent");
        preventAfter.GetProperty("current").GetInt32().ShouldBe(preventBefore.GetProperty("current").GetInt32() + 2);
        preventAfter.GetProperty("completedInYear").GetInt32().ShouldBe(preventBefore.GetProperty("completedInYear").GetInt32() + 2);
        after.GetProperty("label").GetString().ShouldBe("2026/27");

        var again = await dsl.PostAsJsonAsync("/training/sessions", new
        {
            kind = "prevent", completedOn = "2026-11-09", provider = "Home Office e-learning", attendees = new[] { "aud.one" },
        }).Ok();
        again.GetProperty("recorded").GetInt32().ShouldBe(0, "the same session recorded twice counts once");
    }

    [Fact]
    public async Task a_person_becomes_compliant_with_induction_and_every_required_training()
    {
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        var (_, _, version) = await dsl.Send(HttpMethod.Put, "/training/people/c.full", Person("Cal Full"), ifMatch: 0);
        foreach (var kind in new[] { "safeguarding", "online-safety", "prevent" })
        {
            var r = await dsl.Send(HttpMethod.Post, "/training/people/c.full/completions",
                new { kind, completedOn = "2026-09-02", provider = "LA", certificateRef = "CERT-" + kind }, version);
            r.Status.ShouldBe(HttpStatusCode.OK, r.Body.ToString());
            version = r.ETag;
        }
        var record = await dsl.GetAsync("/training/people/c.full").Ok();
        record.GetProperty("status").GetProperty("compliant").GetBoolean().ShouldBeFalse("induction is not recorded");
        var inducted = await dsl.Send(HttpMethod.Post, "/training/people/c.full/induction",
            new { policyReadOn = "2024-09-02", aupSignedOn = "2024-09-02" }, version);
        inducted.Status.ShouldBe(HttpStatusCode.OK, inducted.Body.ToString());
        inducted.Body.GetProperty("status").GetProperty("compliant").GetBoolean().ShouldBeTrue();

        var due = await dsl.GetAsync("/training/due").Ok();
        due.EnumerateArray().ShouldNotContain(i => i.GetProperty("personId").GetString() == "c.full");
    }

    [Fact]
    public async Task a_change_without_if_match_is_428_and_with_a_stale_version_412()
    {
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        await dsl.PutNewAsync("/training/people/v.check", Person("Vic Check")).Ok();
        var body = new { kind = "prevent", completedOn = "2026-10-01", provider = "LA" };
        (await dsl.Send(HttpMethod.Post, "/training/people/v.check/completions", body)).Status.ShouldBe((HttpStatusCode)428);
        (await dsl.Send(HttpMethod.Post, "/training/people/v.check/completions", body, 999)).Status.ShouldBe(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task bad_input_names_every_field_and_changes_nothing()
    {
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        var r = await dsl.Send(HttpMethod.Put, "/training/people/bad%20id", new { role = "janitor", joinedOn = "yesterday" });
        r.Status.ShouldBe(HttpStatusCode.BadRequest);
        var errors = r.Body.GetProperty("errors");
        foreach (var field in new[] { "personId", "name", "role", "joinedOn" }) errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        (await dsl.GetAsync("/training/people")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await dsl.Send(HttpMethod.Get, "/training/people/bad%20id")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task another_school_sees_none_of_the_records()
    {
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        await dsl.PutNewAsync("/training/people/t.private", Person("Tia Private")).Ok();
        using var other = await fixture.ClientFor("dsl.caldecote");
        (await other.GetAsync("/training/people/t.private")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync("/training/people").Ok()).EnumerateArray().ShouldNotContain(p => p.GetProperty("personId").GetString() == "t.private");
    }

    [Fact]
    public async Task governors_read_the_audit_and_staff_may_not()
    {
        using var governor = await fixture.ClientFor("governor.blakehill");
        (await governor.GetAsync("/training/audit")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await governor.PostAsJsonAsync("/training/sessions", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var staff = await fixture.ClientFor("staff.blakehill");
        (await staff.GetAsync("/training/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_csv_import_records_good_rows_and_names_each_bad_row()
    {
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        var csv = "person_id,name,role,joined_on,kind,completed_on,provider,certificate_ref\r\n" +
                  "imp.one,\"Ivy, One\",staff,2023-09-01,safeguarding,2026-09-03,LA,SG-1\r\n" +
                  "imp.one,,,,online-safety,2026-09-03,LA,\r\n" +
                  "imp.two,,,,prevent,2026-09-03,LA,\r\n" +
                  "imp.three,Ida Three,staff,,first-aid,03/09/2026,LA,\r\n";
        var result = await dsl.PostAsync("/training/import", new StringContent(csv, Encoding.UTF8, "text/csv")).Ok();
        result.GetProperty("recorded").GetInt32().ShouldBe(2);
        result.GetProperty("peopleAdded").GetInt32().ShouldBe(1);
        var rejected = result.GetProperty("rejected").EnumerateArray().ToList();
        rejected.Select(r => r.GetProperty("row").GetInt32()).ShouldBe([4, 5]);
        rejected[0].GetProperty("reason").GetString()!.ShouldContain("name");
        rejected[1].GetProperty("reason").GetString()!.ShouldContain("kind");
        rejected[1].GetProperty("reason").GetString()!.ShouldContain("completed_on");

        var person = await dsl.GetAsync("/training/people/imp.one").Ok();
        person.GetProperty("status").GetProperty("name").GetString().ShouldBe("Ivy, One");
        person.GetProperty("completions").GetArrayLength().ShouldBe(2);
        (await dsl.GetAsync("/training/people/imp.two")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_role_requirement_changed_by_the_school_applies_to_its_people()
    {
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        await dsl.PutNewAsync("/training/people/it.person", Person("Ira Tech", "it-admin")).Ok();
        var set = await dsl.Send(HttpMethod.Put, "/training/requirements/it-admin",
            new { requirements = new[] { new { kind = "online-safety", intervalMonths = 6 } } }, ifMatch: 0);
        set.Status.ShouldBe(HttpStatusCode.OK, set.Body.ToString());
        var person = await dsl.GetAsync("/training/people/it.person").Ok();
        person.GetProperty("status").GetProperty("training").EnumerateArray().Select(t => t.GetProperty("kind").GetString()).ShouldBe(["online-safety"]);
    }
}
