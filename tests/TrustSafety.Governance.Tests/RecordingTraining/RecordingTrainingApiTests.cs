using static TrustSafety.Governance.Tests.Fixtures.ApiGivens;

namespace TrustSafety.Governance.Tests.RecordingTraining;

[Collection(TrainingApiCollection.Name)]
public sealed class RecordingTrainingApiTests(GovernanceFixture fixture)
{
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
}
