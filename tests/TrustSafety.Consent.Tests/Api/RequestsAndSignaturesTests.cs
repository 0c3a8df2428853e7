using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Consent.Aups;
using TrustSafety.Consent.Consents;
using TrustSafety.Consent.RequestingConsent;
using TrustSafety.Consent.ConsentTypes;
using TrustSafety.EventSourcing.EventStore;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Consent.Tests.Api;

/// <summary>Consent requests and AUP signatures on the one change path: typed new streams, one transaction, a race is refused whole.</summary>
public sealed class RequestsAndSignaturesTests(ConsentApiFixture fixture) : IClassFixture<ConsentApiFixture>, IAsyncLifetime
{
    private const string School = "141001";
    private HttpClient _dsl = null!;
    private HttpClient _staff = null!;

    public async Task InitializeAsync()
    {
        _dsl = await fixture.ClientFor("dsl.blakehill");
        _staff = await fixture.ClientFor("staff.blakehill");
        await _dsl.StandardTypes();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string NewPupil() => "upn-" + Guid.NewGuid().ToString("N")[..10];

    private async Task<StreamState?> StateOf(Guid stream)
    {
        await using var session = fixture.Store.QuerySession(School);
        return await session.Events.FetchStreamStateAsync(stream);
    }

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
        var state = (await StateOf(StreamIds.PupilConsent(pupil, "trips"))).ShouldNotBeNull();
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
        (await StateOf(StreamIds.PupilConsent(other, "trips"))).ShouldBeNull("nothing is sent to anyone");

        await using var again = fixture.Store.LightweightSession(School);
        read = await AskForConsent.Read(again, asks, pupils, CancellationToken.None);
        (await _staff.Answer(other, "trips", given: false)).StatusCode.ShouldBe(HttpStatusCode.OK);
        Status(await Should.ThrowAsync<Exception>(() => Send(read, again))).ShouldBe(StatusCodes.Status412PreconditionFailed);
        (await StateOf(StreamIds.PupilConsent(answered, "trips"))).ShouldNotBeNull().Version.ShouldBe(2, "nothing is sent to anyone");

        Task<Results<Ok<IReadOnlyList<RequestsSent>>, ValidationProblem, ProblemHttpResult>> Send(
            IReadOnlyDictionary<Guid, Versioned<PupilConsent>> versions, IDocumentSession? on = null) =>
            AskForConsent.Send(on ?? session, new CurrentUser(new HttpContextAccessor()), fixture.Clock, versions, asks, pupils, fixture.Today,
                AskForConsent.Renewal, sent => TypedResults.Ok(sent), CancellationToken.None);
        static int? Status(Exception failed) => new StorageProblems().Classify(failed)?.Status;
    }

    [Fact]
    public async Task a_first_signature_starts_a_signatory_stream_and_expects_the_person_and_signing_again_changes_nothing()
    {
        var teacher = "t-" + Guid.NewGuid().ToString("N")[..8];
        if ((await _dsl.GetAsync("/aups/staff")).StatusCode == HttpStatusCode.NotFound)
            (await _dsl.WithIfMatch(HttpMethod.Post, "/aups/staff/versions", new { title = "Staff AUP" }, 0)).EnsureSuccessStatusCode();

        var first = await _staff.PostAsJsonAsync("/aups/staff/signatures", new { personId = teacher, channel = "paper" });
        var again = await _staff.PostAsJsonAsync("/aups/staff/signatures", new { personId = teacher, channel = "online" });

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var signed = await first.Content.ReadFromJsonAsync<JsonElement>();
        signed.GetProperty("state").GetString().ShouldBe("Current");
        (await again.Content.ReadAsStringAsync()).ShouldBe(signed.GetRawText(), "the same signature, still the first one");
        var state = (await StateOf(StreamIds.AupSignatory("staff", teacher))).ShouldNotBeNull();
        state.AggregateType.ShouldBe(typeof(AupSignatory));
        state.Version.ShouldBe(1);
        await using var session = fixture.Store.QuerySession(School);
        (await session.LoadAsync<AupPerson>(AupPerson.KeyOf("staff", teacher))).ShouldNotBeNull().Active.ShouldBeTrue();
    }
}
