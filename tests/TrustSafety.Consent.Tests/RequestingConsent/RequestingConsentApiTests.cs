using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Consent.RequestingConsent;
using TrustSafety.EventSourcing.EventStore;
using TrustSafety.ServiceDefaults.Auth;
using static TrustSafety.Consent.Tests.Fixtures.ConsentApiFixture;

namespace TrustSafety.Consent.Tests.RequestingConsent;

/// <summary>Consent requests and renewal campaigns on the one change path: typed new streams, one transaction, a race is refused whole; reminders for the unanswered.</summary>
public sealed class RequestingConsentApiTests(ConsentApiFixture fixture) : IClassFixture<ConsentApiFixture>, IAsyncLifetime
{
    private HttpClient _dsl = null!;
    private HttpClient _staff = null!;

    public async Task InitializeAsync() => (_dsl, _staff) = await fixture.BlakehillAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task a_first_request_starts_the_pupils_consent_as_a_consent_stream()
    {
        var className = "REQ-" + Guid.NewGuid().ToString("N")[..6];
        var pupil = NewPupil();
        await _dsl.Enrol(pupil, className, 4);

        var sent = await _dsl.PostAsJsonAsync("/consent-requests", new { type = "trips", className });

        sent.StatusCode.ShouldBe(HttpStatusCode.OK);
        var answer = await sent.Content.ReadFromJsonAsync<JsonElement>();
        (answer.GetProperty("type").GetString(), answer.GetProperty("requested").GetInt32(), answer.GetProperty("alreadyCovered").GetInt32())
            .ShouldBe(("trips", 1, 0));
        var state = (await fixture.StateOf(StreamIds.PupilConsent(pupil, "trips"))).ShouldNotBeNull();
        state.AggregateType.ShouldBe(typeof(PupilConsent));
        state.Version.ShouldBe(1);
    }

    // A renewal asks every pupil again, so the decision writes to both streams; the race is forced between the endpoint's read and
    // its save, and the failure is what the platform's exception handler answers 412.
    [Fact]
    public async Task an_answer_recorded_between_the_read_and_the_save_fails_the_whole_request_and_nothing_is_sent()
    {
        var (answered, other) = (NewPupil(), NewPupil());
        await _dsl.Enrol(answered);
        await _dsl.Enrol(other);
        (await _staff.Answer(answered, "trips", given: true)).StatusCode.ShouldBe(HttpStatusCode.OK);
        IReadOnlyList<string> pupils = [answered, other];
        await using var session = fixture.Store.LightweightSession(School);
        var trips = (await session.LoadAsync<ConsentType>(StreamIds.ConsentType("trips"))).ShouldNotBeNull();
        ConsentAsk[] asks = [new(trips, fixture.Today.AddYears(2))];

        var read = await AskForConsent.Read(session, asks, pupils, CancellationToken.None);
        (await _staff.Withdraw(answered, "trips")).StatusCode.ShouldBe(HttpStatusCode.OK);
        Status(await Should.ThrowAsync<Exception>(() => Send(read))).ShouldBe(StatusCodes.Status412PreconditionFailed);
        (await fixture.StateOf(StreamIds.PupilConsent(other, "trips"))).ShouldBeNull("nothing is sent to anyone");

        await using var again = fixture.Store.LightweightSession(School);
        read = await AskForConsent.Read(again, asks, pupils, CancellationToken.None);
        (await _staff.Answer(other, "trips", given: false)).StatusCode.ShouldBe(HttpStatusCode.OK);
        Status(await Should.ThrowAsync<Exception>(() => Send(read, again))).ShouldBe(StatusCodes.Status412PreconditionFailed);
        (await fixture.StateOf(StreamIds.PupilConsent(answered, "trips"))).ShouldNotBeNull().Version.ShouldBe(2, "nothing is sent to anyone");

        Task<Results<Ok<IReadOnlyList<RequestsSent>>, ValidationProblem, ProblemHttpResult>> Send(
            IReadOnlyDictionary<Guid, Versioned<PupilConsent>> versions, IDocumentSession? on = null) =>
            AskForConsent.Send(on ?? session, new CurrentUser(new HttpContextAccessor()), fixture.Clock, versions, asks, pupils, fixture.Today,
                AskForConsent.Renewal, sent => TypedResults.Ok(sent), CancellationToken.None);
        static int? Status(Exception failed) => new StorageProblems().Classify(failed)?.Status;
    }

    [Fact]
    public async Task a_class_request_lists_unanswered_pupils_for_reminder_and_a_renewal_campaign_asks_again_for_next_year()
    {
        var className = "REQ-" + Guid.NewGuid().ToString("N")[..6];
        var (answers, silent) = (NewPupil(), NewPupil());
        await _dsl.Enrol(answers, className, 2);
        await _dsl.Enrol(silent, className, 2);

        var sent = await _dsl.PostAsJsonAsync("/consent-requests", new { type = "trips", className });
        (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requested").GetInt32().ShouldBe(2);
        await _staff.Answer(answers, "trips", given: true);

        var reminders = await _dsl.GetFromJsonAsync<JsonElement>("/reminders");
        var due = reminders.EnumerateArray().Where(r => r.GetProperty("type").GetString() == "trips")
            .Select(r => r.GetProperty("pupilId").GetString()).ToList();
        due.ShouldContain(silent);
        due.ShouldNotContain(answers);

        var renewal = await _dsl.PostAsJsonAsync("/renewal-campaigns", new { types = new[] { "trips" } });
        renewal.StatusCode.ShouldBe(HttpStatusCode.OK);
        var trips = (await renewal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requests")[0];
        trips.GetProperty("requested").GetInt32().ShouldBeGreaterThanOrEqualTo(2, "this year's yes does not cover next year");
    }
}
