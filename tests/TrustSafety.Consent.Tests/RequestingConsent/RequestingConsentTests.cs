using TrustSafety.Consent.RequestingConsent;
using static TrustSafety.Consent.Tests.Fixtures.Given;

namespace TrustSafety.Consent.Tests.RequestingConsent;

/// <summary>
/// POST /consent-requests and /renewal-campaigns: every pupil for every type asked about in one decision, each request addressed
/// to the pupil's consent stream, with how many each type sent and how many were already covered.
/// </summary>
public sealed class RequestingConsentTests
{
    private static readonly string[] Pupils = ["p1", "p2", "p3"];

    private static ConsentType Trips()
    {
        var trips = Type();
        trips.Code = "trips";
        return trips;
    }

    public static TheoryData<string, string, string[], string[]> Requests => new()
    {
        // reason, period ending, website answers as "pupil=answer" (trips has none), pupils asked about the website
        { AskForConsent.Request, "2027-08-31", [], ["p1", "p2", "p3"] },
        { AskForConsent.Request, "2027-08-31", ["p1=given:2026-09-10"], ["p2", "p3"] },
        { AskForConsent.Request, "2027-08-31", ["p1=given:2026-09-10", "p2=declined:2026-09-12"], ["p3"] },
        { AskForConsent.Request, "2027-08-31", ["p2=given:2026-09-10", "p2=withdrawn:2026-10-01"], ["p1", "p3"] },
        { AskForConsent.Renewal, "2027-08-31", ["p1=given:2026-09-10", "p2=declined:2026-09-12"], ["p2", "p3"] }, // a renewal asks again
        { AskForConsent.Renewal, "2028-08-31", ["p1=given:2026-09-10"], ["p1", "p2", "p3"] },                     // next year is not covered
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void every_pupil_not_already_covered_is_asked_on_their_own_consent_stream(string reason, string periodEnding, string[] answers,
        string[] askedAboutWebsite)
    {
        var website = Type();
        var trips = Trips();
        var consents = answers.Select(a => a.Split('=')).GroupBy(a => a[0], a => a[1], StringComparer.Ordinal)
            .ToDictionary(g => StreamIds.PupilConsent(g.Key, website.Code), g => (PupilConsent?)Answers(website, [.. g]));
        foreach (var pupil in Pupils) consents.TryAdd(StreamIds.PupilConsent(pupil, trips.Code), null);
        ConsentAsk[] asks = [new(website, D(periodEnding)), new(trips, D(periodEnding))];

        var decided = AskForConsent.Decide(consents, asks, Pupils, D("2026-11-23"), reason, Now, "dsl");

        decided.Decision.Accepted.ShouldBeTrue();
        decided.Decision.Events.ShouldBeEmpty("every request is addressed to its pupil's consent stream");
        decided.Decision.Started.ShouldBeEmpty("the change path starts a consent stream read at version 0");
        foreach (var (type, asked) in new[] { (website, askedAboutWebsite), (trips, Pupils) })
            foreach (var pupil in Pupils)
            {
                var theirs = decided.Decision.Elsewhere.Where(e => e.StreamId == StreamIds.PupilConsent(pupil, type.Code)).ToList();
                if (!asked.Contains(pupil)) theirs.ShouldBeEmpty($"{pupil} is covered for {type.Code}");
                else
                {
                    var request = theirs.ShouldHaveSingleItem().Event.ShouldBeOfType<ConsentRequested>();
                    (request.PupilId, request.TypeCode, request.WordingVersion, request.Reason, request.ForPeriodEnding, request.At, request.RequestedBy)
                        .ShouldBe((pupil, type.Code, 1, reason, D(periodEnding), Now, "dsl"));
                }
            }
        decided.Sent.ShouldBe([
            new RequestsSent(website.Code, askedAboutWebsite.Length, Pupils.Length - askedAboutWebsite.Length),
            new RequestsSent(trips.Code, Pupils.Length, 0),
        ]);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 0)]
    public void with_no_pupils_or_no_types_nothing_is_recorded(int pupils, int types)
    {
        var decided = AskForConsent.Decide(new Dictionary<Guid, PupilConsent?>(), [.. new[] { new ConsentAsk(Type(), null) }.Take(types)],
            Pupils[..pupils], D("2026-11-23"), AskForConsent.Renewal, Now, "dsl");

        decided.Decision.Records.ShouldBeFalse();
        decided.Sent.ShouldBe(types == 0 ? [] : [new RequestsSent("website", 0, 0)]);
    }

    [Theory]
    [InlineData(null, false, null)]
    [InlineData("given:2026-09-10", false, "2026-09-10")]
    [InlineData("given:2026-09-10", true, "2026-11-23")]
    public void a_renewal_request_skips_pupils_whose_answer_already_covers_the_period(string? answer, bool fresh, string? requestedUnless)
    {
        var type = fresh ? Type(laterWordings: ("2026-11-01", true)) : Type();
        var consent = answer is null ? null : Answers(type, answer);
        var request = AskForConsent.Decide(type, consent, "p1", D("2026-11-23"), D("2027-08-31"), AskForConsent.Renewal, Now, "dsl");
        if (answer is not null && !fresh) request.ShouldBeNull(requestedUnless);
        else request.ShouldNotBeNull().WordingVersion.ShouldBe(type.CurrentWording.Version);
        AskForConsent.Decide(type, consent, "p1", D("2026-11-23"), D("2028-08-31"), AskForConsent.Renewal, Now, "dsl")
            .ShouldNotBeNull("next year's period is never covered by this year's answer");
    }
}
