using System.Text.Json;
using TrustSafety.Incident.PupilContext;

namespace TrustSafety.Incident.Tests.Deciders;

/// <summary>Issue 20: the DSL's record of a pupil's context is a pure decision; sealing it is the change path's, before the save.</summary>
public sealed class PupilContextTests
{
    public static TheoryData<string, VulnerabilityFlags, string?> Answers => new()
    {
        { "every question answered no, no note", new(false, false, false, false, false, false, false), null },
        { "looked after with a plan and a note", new(true, false, true, true, false, true, false), "Foster placement since May" },
        { "a young carer", new(false, false, false, false, false, false, true), "Cares for a parent" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void the_answers_are_one_event_on_the_pupils_context_stream_by_the_dsl(string _, VulnerabilityFlags flags, string? note)
    {
        var recorded = PupilContextApi.Decide("P-100", flags, note, Given.Dsl, Given.Now).ShouldAccept<PupilContextRecorded>();

        recorded.ContextId.ShouldBe(PupilContextApi.StreamOf("P-100"));
        recorded.PupilId.ShouldBe("P-100");
        (recorded.By, recorded.ByName, recorded.At).ShouldBe((Given.Dsl.Id, Given.Dsl.Name, Given.Now));
        JsonSerializer.Deserialize<SealedContext>(recorded.Sealed, JsonSerializerOptions.Web).ShouldBe(new SealedContext(flags, note));
    }
}
