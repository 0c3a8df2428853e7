using TrustSafety.Consent.Aups;
using TrustSafety.Consent.ExportingSubjectAccess;

namespace TrustSafety.Consent.Tests.ExportingSubjectAccess;

public sealed class ExportingSubjectAccessTests
{
    private static readonly DateTimeOffset T = Given.Now;
    private static readonly Respondent Dad = new("guardian-2", "father", "email");

    public static TheoryData<object, string, string?> Events => new()
    {
        { new ConsentRequested("P1", "website", 1, "renewal", Given.D("2027-08-31"), T, "dsl-1"), "requested", null },
        { new ConsentGranted(Guid.NewGuid(), "P1", "website", 1, Given.Mum, Given.D("2026-09-10"), Given.D("2027-08-31"), T, "staff-1"), "given", "paper" },
        { new ConsentRefused(Guid.NewGuid(), "P1", "press", 1, Dad, Given.D("2026-09-10"), T, "staff-1"), "declined", "email" },
        { new ConsentRevoked(Guid.NewGuid(), "P1", "website", Dad, Given.D("2026-10-01"), T, "staff-2"), "withdrawn", "email" },
        { new ConsentLapsed(Guid.NewGuid(), "P1", "website", 1, Given.D("2027-09-01"), "academic year ended", T), "expired", null },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void every_kind_of_consent_event_is_a_record_of_the_export(object e, string what, string? channel)
    {
        var record = PupilSubjectAccess.ReportOf("P1", null, [e], T).Consents.ShouldHaveSingleItem();
        record.What.ShouldBe(what);
        record.Channel.ShouldBe(channel);
    }

    [Fact]
    public void aup_signatures_and_lapses_are_listed_and_another_persons_are_not()
    {
        var aup = Guid.NewGuid();
        var report = PupilSubjectAccess.ReportOf("P1", null,
        [
            new AupSignatureRecorded(aup, "pupil", "P1", 1, T, "paper", "staff-1"),
            new AupSignatureLapsed(aup, "pupil", "P1", 1, Given.D("2026-10-10"), "superseded by version 2", T.AddDays(30)),
            new AupSignatureRecorded(aup, "pupil", "P2", 1, T, "paper", "staff-1"),
            new ConsentGranted(Guid.NewGuid(), "P2", "website", 1, Given.Mum, Given.D("2026-09-10"), null, T, "staff-1"),
        ], T);

        report.AupSignatures.Select(a => a.What).ShouldBe(["signed", "lapsed"]);
        report.AupSignatures[0].Channel.ShouldBe("paper");
        report.Consents.ShouldBeEmpty();
        report.Roster.ShouldBeNull();
    }
}
