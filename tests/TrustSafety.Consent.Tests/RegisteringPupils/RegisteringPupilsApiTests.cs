using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Consent.LookingUpPupils;
using TrustSafety.Consent.RegisteringPupils;
using TrustSafety.EventSourcing.EventStore;
using TrustSafety.ServiceDefaults.Auth;
using static TrustSafety.Consent.Tests.Fixtures.RosterSteps;

namespace TrustSafety.Consent.Tests.RegisteringPupils;

/// <summary>POST /roster on the one change path, through the API on a real PostgreSQL.</summary>
public sealed class RegisteringPupilsApiTests(ConsentApiFixture fixture) : IClassFixture<ConsentApiFixture>
{
    [Fact]
    public async Task the_roster_enrols_new_pupils_and_records_only_what_changed_for_the_others()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        object Pupil(string pupilId, string className, int yearGroup, string? leavingDate = null) => new { pupilId, className, yearGroup, leavingDate };

        (await Answer<RosterResult>(await dsl.PostAsJsonAsync("/roster", new { pupils = new[] { Pupil("r-1", "3B", 3), Pupil("r-2", "3B", 3) } })))
            .ShouldBe(new RosterResult(2, 0, 0));
        (await Answer<RosterResult>(await dsl.PostAsJsonAsync("/roster",
                new { pupils = new[] { Pupil("r-1", "3B", 3), Pupil("r-2", "4H", 4, "2027-07-22"), Pupil("r-3", "5W", 5) } })))
            .ShouldBe(new RosterResult(1, 1, 1));

        (await dsl.GetFromJsonAsync<PupilView>("/pupils/r-2")).ShouldBe(new PupilView("r-2", "4H", 4, new DateOnly(2027, 7, 22)));
        await using var session = fixture.Store.QuerySession("141001");
        var stored = await session.LoadAsync<Pupil>(StreamIds.Pupil("r-1"));
        stored!.Version.ShouldBe(1, "an unchanged pupil records nothing");
    }

    [Theory]
    [InlineData("changed")]
    [InlineData("enrolled")]
    public async Task a_pupil_changed_or_enrolled_between_the_read_and_the_save_fails_the_whole_roster_with_412(string meanwhile)
    {
        var dsl = await fixture.ClientFor("dsl.stowheath");
        await dsl.Enrol($"{meanwhile}-1");
        await using var session = fixture.Store.LightweightSession("141003");
        var known = (await session.LoadAsync<Pupil>(StreamIds.Pupil($"{meanwhile}-1")))!;
        var read = new Dictionary<Guid, Versioned<Pupil>>
        {
            [known.Id] = new(known, known.Version), [StreamIds.Pupil($"{meanwhile}-2")] = new(null, 0),
        };
        // Someone else's roster lands after this request read its pupils and before it saves.
        if (meanwhile == "changed") await dsl.Enrol($"{meanwhile}-1", "4H", 4);
        else await dsl.Enrol($"{meanwhile}-2", "4H", 4);
        RosterPupil[] roster = [new($"{meanwhile}-1", "5W", 5, null), new($"{meanwhile}-2", "5W", 5, null)];

        var failed = await Should.ThrowAsync<Exception>(() => Change.Record<Pupil, Ok<RosterResult>>(
            session, new CurrentUser(new HttpContextAccessor()), fixture.Clock, read, (pupils, _, now) => RegisterOnRoster.Decide(pupils, roster, now),
            decision => Task.FromResult(TypedResults.Ok(RegisterOnRoster.Answer(roster.Length, decision))), CancellationToken.None));

        new StorageProblems().Classify(failed).ShouldNotBeNull(failed.GetType().FullName).Status.ShouldBe(StatusCodes.Status412PreconditionFailed);
        async Task<string?> ClassOf(string pupilId) =>
            await dsl.GetAsync($"/pupils/{pupilId}") is { StatusCode: HttpStatusCode.OK } found
                ? (await found.Content.ReadFromJsonAsync<PupilView>())!.ClassName : null;
        (await ClassOf($"{meanwhile}-1"), await ClassOf($"{meanwhile}-2")).ShouldBe(meanwhile == "changed" ? ("4H", null) : ("3B", "4H"),
            "nothing of the failed roster was recorded");
    }
}
